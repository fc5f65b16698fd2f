# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one CSV writer of the reports (compliance, run summary, patch list, inventory reports): CRLF lines, and
cells a spreadsheet never runs as a formula."""

from __future__ import annotations

import csv
import io


def csv_cell(value):
    """VALUE for a CSV cell that Excel or LibreOffice never runs as a formula."""
    text = '' if value is None else str(value)
    return "'" + text if text[:1] in ('=', '+', '-', '@', '\t', '\r') else text


class CsvWriter(object):
    """The one CSV writer of the reports (compliance, run summary, inventory reports): a header, then one row
    at a time (dicts, or sequences in HEADERS order) to HANDLE (a text file opened with newline=''), CRLF
    lines, Excel-safe cells."""

    def __init__(self, handle, headers, header=True):
        self.headers = tuple(headers)
        self.writer = csv.writer(handle, lineterminator='\r\n')
        if header:
            self.writer.writerow(self.headers)

    def row(self, row):
        values = [row.get(h, '') for h in self.headers] if isinstance(row, dict) else row
        self.writer.writerow([csv_cell(v) for v in values])


def csv_text(headers, rows):
    """CSV text of ROWS under HEADERS (CsvWriter into a string)."""
    out = io.StringIO()
    writer = CsvWriter(out, headers)
    for row in rows:
        writer.row(row)
    return out.getvalue()
