# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compliance pages, from the Jinja2 templates in templates/ beside this file (autoescape on: every value
from the inventory or the hosts is escaped). Each page is self-contained (no file or network fetched); its
Content-Security-Policy allows only its own style and script, by hash.

    SchoolPage(run, school, members, summary, trends, diff_lines, index)  one school (MEMBERS: its host names):
        its rooms and their trend, the host x control matrix with a filter box, the drill-down with diffs, its
        hosts' expired waivers; .add(row) per row, then .write()
    write_index(handle, meta, run, summary, trends, slugs)     the district: one line per school, with links
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ansible_collections.district.standard.plugins.plugin_utils.compliance import STATUSES, cut
from ansible_collections.district.standard.plugins.plugin_utils.compliance_run import CODE, NONE

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'templates')
SYMBOL = {'compliant': '\u2713', 'drift': '\u25b2', 'error': '!', 'unreachable': '\u2298', 'waived': 'W',
          'not_applicable': '\u00b7', 'managed-by-mdm': 'M', 'needs-edition': 'E'}
LABEL = {'compliant': 'compliant', 'drift': 'drift', 'error': 'error', 'unreachable': 'unreachable',
         'waived': 'waived', 'not_applicable': 'not applicable', 'managed-by-mdm': 'managed by MDM (not in effect)',
         'needs-edition': 'needs another edition'}
CLASS = {'unreachable': 'u', 'error': 'e', 'drift': 'd', 'managed-by-mdm': 'm', 'needs-edition': 'x',
         'compliant': 'c', 'waived': 'w', 'not_applicable': 'n'}
CELL = [Markup('<td class=%s>%s</td>' % (CLASS[s], SYMBOL[s])) for s in STATUSES]
EMPTY_CELL = Markup('<td></td>')
QUIET = ('compliant', 'not_applicable')  # statuses the drill-down leaves out
_environment = None


def environment():
    global _environment
    if _environment is None:
        _environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                                   lstrip_blocks=True, undefined=StrictUndefined, keep_trailing_newline=True)
        _environment.globals.update(symbol=SYMBOL, label=LABEL, css_class=CLASS, statuses=STATUSES,
                                    pct_text=pct_text, spark=spark)
    return _environment


@functools.lru_cache(maxsize=None)
def asset(name):
    """(text, CSP source 'sha256-...') of a static file of the templates (the page's style or script), read once."""
    with open(os.path.join(TEMPLATES, name), encoding='utf-8') as handle:
        text = handle.read()
    digest = base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')
    return Markup(text), "'sha256-%s'" % digest


def policy(style, script=None):
    """The Content-Security-Policy of a page: nothing but its own style and script (by hash)."""
    return "default-src 'none'; style-src %s; script-src %s; img-src data:; base-uri 'none'; form-action 'none'" % (
        style, script or "'none'")


def pct_text(value):
    return '-' if value is None else '%.1f%%' % value


def spark(points, width=120, height=24):
    """{coords, title, tail} of an inline SVG line of the % compliant of the last runs (oldest left)."""
    values = [(s, v) for s, v in points or [] if v is not None]
    if not values:
        return None
    step = width / max(len(values) - 1, 1)
    return {'width': width, 'height': height,
            'coords': ' '.join('%.1f,%.1f' % (i * step, height - 2 - (v / 100.0) * (height - 4))
                               for i, (_s, v) in enumerate(values)),
            'title': '; '.join('%s: %s' % (s, pct_text(v)) for s, v in values),
            'tail': [pct_text(v) for _s, v in values[-4:]]}


def _waivers(expired, limit=20):
    return [{'waiver': w, 'hosts': hosts[:limit], 'more': max(len(hosts) - limit, 0), 'count': len(hosts)}
            for w, hosts in expired]


class SchoolPage(object):
    """One school's page, filled row by row (rows of one host together, as Run.rows gives them)."""

    def __init__(self, run, school, members, summary, trends, diff_lines, index=None):
        self.run, self.school, self.summary, self.trends = run, school, summary, trends
        self.members = members  # the school's host names
        self.diff_lines, self.index = diff_lines, index
        self.order = dict((c, n) for n, c in enumerate(sorted(run.controls)))
        self.used = bytearray(len(self.order))
        self.hosts = []  # [host, asset tag, room, problem, status codes in control order]
        self.drill = []  # [{host, room, asset_tag, items}]

    def add(self, row):
        if not self.hosts or self.hosts[-1][0] != row['host']:
            problem = self.run.hosts[row['host']].problem
            codes = bytearray([NONE]) * len(self.order)
            self.hosts.append([row['host'], row['asset_tag'], row['room'], problem, codes])
            self.drill.append({'host': row['host'], 'room': row['room'], 'asset_tag': row['asset_tag'],
                               'problem': problem, 'items': []})
        column = self.order[row['control']]
        self.hosts[-1][4][column] = CODE[row['status']]
        self.used[column] = 1
        if row['status'] not in QUIET:
            diff = cut(row['diff'], self.diff_lines)
            self.drill[-1]['items'].append(dict(row, diff=diff, cut=diff != row['diff']))

    def write(self, handle, meta):
        controls = [c for c, n in sorted(self.order.items(), key=lambda kv: kv[1]) if self.used[n]]
        columns = [self.order[c] for c in controls]
        matrix = []
        for host, tag, room, problem, codes in self.hosts:
            if not matrix or matrix[-1][0] != room:
                matrix.append((room, []))
            matrix[-1][1].append({'host': host, 'asset_tag': tag, 'problem': problem, 'cells': Markup(''.join(
                CELL[codes[n]] if codes[n] != NONE else EMPTY_CELL for n in columns))})
        rooms = [(key[2], self.summary[key], self.trends[1].get((self.school, key[2])))
                 for key in sorted(self.summary) if key[0] == 'room' and key[1] == self.school]
        style, style_hash = asset('compliance.css')
        script, script_hash = asset('compliance_school.js')
        environment().get_template('compliance_school.html.j2').stream(
            meta=meta, school=self.school, index=self.index, entry=self.summary[('school', self.school)],
            trend=self.trends[0].get(self.school), rooms=rooms, controls=[(c, self.run.controls[c]) for c in controls],
            matrix=matrix, host_count=len(self.hosts), drill=[d for d in self.drill if d['items']],
            expired=_waivers(self.run.expired_waivers(self.members)), style=style, script=script,
            csp=policy(style_hash, script_hash)).dump(handle)


def write_index(handle, meta, run, summary, trends, slugs):
    """The district page: the run, each school with its % compliant, trend, counts and top drifting controls
    (linked to its page), the district's top drifting controls and the expired waivers."""
    district = summary[('district',)]
    schools = [(key[1], slugs[key[1]], summary[key], trends[0].get(key[1]))
               for key in sorted(summary) if key[0] == 'school']
    found = run.expired_waivers()
    expired = [dict(entry, schools=sorted(set(run.hosts[h].school for h in hosts)))
               for entry, (_w, hosts) in zip(_waivers(found), found, strict=True)]
    style, style_hash = asset('compliance.css')
    environment().get_template('compliance_index.html.j2').stream(
        meta=meta, district=district, schools=schools, slugs=slugs, controls=run.controls, expired=expired,
        style=style, csp=policy(style_hash)).dump(handle)
