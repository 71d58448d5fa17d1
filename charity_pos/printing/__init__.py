"""PDFs: donation receipts and barcode labels (ReportLab, python-barcode).
Nothing here imports Qt; documents arrive as plain dataclasses."""
