"""Pure rules with no I/O and no Qt: money, barcodes, pinyin, document numbers."""
