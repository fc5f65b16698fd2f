# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check a school asset sheet before it becomes the inventory.

    make check-sheet SHEET=assets.xlsx [SHEET_NAME="Lab PCs"]
    make check-sheet SHEET=inventories/sample/district.asset_sheet.yml

Lists every problem with its row number, then a summary (hosts per school,
OS and type; what is left out by type, status and filter) and every source
that gives rows but no host, saying why. Exits 1 when there is any problem or
such a source, 2 when the file itself cannot be used. It reads the sheet with
the very code the inventory plugin uses.
"""

from __future__ import annotations

import argparse
import os
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'collections'))

from ansible_collections.district.standard.plugins.plugin_utils.asset_book import load_book, summarise  # noqa: E402
from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import SheetError  # noqa: E402

CONFIG_SUFFIXES = ('asset_sheet.yml', 'asset_sheet.yaml')


def load_options(path, sheet):
    """Sheet options: from an inventory config file, or just the sheet given."""
    if not path.endswith(CONFIG_SUFFIXES):
        return {'source': path, 'sheet': sheet}, ''
    with open(path) as handle:
        options = yaml.safe_load(handle) or {}
    if options.get('plugin') not in ('asset_sheet', 'district.standard.asset_sheet'):
        raise SheetError('%s: not an asset_sheet inventory config (plugin: district.standard.asset_sheet)' % path)
    if sheet:
        options['sheet'] = sheet
    return options, os.path.dirname(path)


def counts_line(title, counts):
    items = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return '  %-24s %s' % (title + ':', ', '.join('%s %d' % item for item in items) or '-')


def report(book, out):
    summary = summarise(book)
    problems = book['problems']
    out.write('Problems (%d):\n' % len(problems))
    for line in problems:
        out.write('  %s\n' % line)
    if not problems:
        out.write('  none\n')
    out.write('\nSummary of %s\n' % ', '.join(book['sources']))
    out.write('  rows read: %(rows)d   hosts: %(hosts)d   printers: %(printers)d   '
              'rows skipped with problems: %(skipped_rows)d\n' % summary)
    out.write(counts_line('hosts per school', summary['hosts_per_school']) + '\n')
    out.write(counts_line('hosts per OS', summary['hosts_per_os']) + '\n')
    out.write(counts_line('hosts per type', summary['hosts_per_type']) + '\n')
    out.write(counts_line('left out by type', summary['left_out_by_type']) + '\n')
    out.write(counts_line('not managed (status)', summary['not_managed_by_status']) + '\n')
    out.write(counts_line('excluded by filter', summary['excluded_by_filter']) + '\n')
    for line in book['no_hosts']:
        out.write('\nWarning: %s\n' % line)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('sheet', help='a CSV/XLSX/ODS file, a published sheet URL, or an *.asset_sheet.yml config')
    parser.add_argument('--sheet-name', default=None, help="workbook sheet to read ('*' for all; default the first)")
    parser.add_argument('--report-only', action='store_true', help='exit 0 even when rows have problems')
    args = parser.parse_args(argv)
    try:
        options, base = load_options(args.sheet, args.sheet_name)
        book = load_book(options, base)
    except (SheetError, ValueError, OSError, yaml.YAMLError) as exc:
        sys.stderr.write('check-sheet: %s\n' % exc)
        return 2
    report(book, sys.stdout)
    if args.report_only:
        return 0
    if book['problems']:
        sys.stdout.write('\n%d problem(s): fix the rows above, then check again.\n' % len(book['problems']))
        return 1
    if book['no_hosts']:
        sys.stdout.write('\nA source gives rows but no host: see the warning above.\n')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
