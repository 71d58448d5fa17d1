"""The counter's devices without Qt: ESC/POS receipt printers and the cash
drawer behind them, and the customer's pole display. ``escpos_text``
measures and encodes text in the printer's columns, ``escpos_layout`` lays
out the slips and the shift reports as ESC/POS bytes, ``receipt_printer``
sends them over USB, a serial port, the network or (on Windows) the raw
print queue; ``pole_display`` drives a 2x20 display on a serial port."""
