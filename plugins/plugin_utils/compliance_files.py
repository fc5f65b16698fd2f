# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The files of a compliance run, written row by row (memory holds one school's rows at most):

    <folder>/compliance.html            the district index (several schools), or the school's page (one school)
    <folder>/compliance.csv|json, junit.xml            every host x control of the run
    <folder>/schools/<slug>/compliance.html|csv|json, junit.xml    one school (when the run has several)

District-wide files cut each diff to DIFF_LINES lines; a school's own files hold the whole diff. Every file is
0600 in 0700 folders."""

from __future__ import annotations

import json
import os
import re
from xml.sax.saxutils import escape, quoteattr

from ansible_collections.district.standard.plugins.plugin_utils import compliance_html as html
from ansible_collections.district.standard.plugins.plugin_utils.compliance import CSV_FIELDS, cut
from ansible_collections.district.standard.plugins.plugin_utils.report_csv import CsvWriter
from ansible_collections.district.standard.plugins.plugin_utils.private_files import private_dir, private_open

NAMES = ('compliance.html', 'compliance.csv', 'compliance.json', 'junit.xml')
XML_BAD = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
NOT_COMPLIANT = {'drift': 'drift', 'managed-by-mdm': 'managed by MDM, not in effect',
                 'needs-edition': 'needs another OS edition'}


def xml_text(text):
    """TEXT without the characters XML 1.0 cannot carry, escaped (element text)."""
    return escape(XML_BAD.sub('?', '' if text is None else str(text)))


def xml_attr(text):
    """The same for an attribute value, quoted."""
    return quoteattr(XML_BAD.sub('?', '' if text is None else str(text)))


def junit_case(row):
    """One <testcase>: drift, managed-by-mdm and needs-edition failures; error and unreachable errors; waived
    and not applicable skipped."""
    status = row['status']
    body = ''
    if status in NOT_COMPLIANT:
        body = '<failure message=%s type=%s>%s</failure>' % (
            xml_attr(row['detail'] or NOT_COMPLIANT[status]), xml_attr(status), xml_text(row['diff']))
    elif status in ('error', 'unreachable'):
        body = '<error message=%s type=%s/>' % (xml_attr(row['detail'] or status), xml_attr(status))
    elif status == 'waived':
        body = '<skipped message=%s/>' % xml_attr('waived: %s (%s, until %s)' % (
            row['waiver_reason'], row['waiver_owner'], row['waiver_expires']))
    elif status == 'not_applicable':
        body = '<skipped message="not applicable"/>'
    return '  <testcase classname=%s name=%s>%s</testcase>\n' % (
        xml_attr('%s.%s.%s' % (row['school'], row['room'], row['host'])),
        xml_attr('%s %s' % (row['control'], row['title'])), body)


def summary_list(summary, keep=None):
    """The summary as JSON-ready dicts (KEEP: a test on the key), in key order."""
    return [dict(level=k[0], school=k[1] if len(k) > 1 else None, room=k[2] if len(k) > 2 else None,
                 **dict(v, top_drift=[{'control': c, 'hosts': n} for c, n in v['top_drift']]))
            for k, v in sorted(summary.items()) if keep is None or keep(k)]


class Scope(object):
    """The CSV, JSON and JUnit of the district or of one school, open while its rows are added."""

    def __init__(self, folder, meta, summary_entries, counts, controls, hosts, name=''):
        self.csv = private_open(os.path.join(folder, 'compliance.csv'), 'w', encoding='utf-8', newline='')
        CsvWriter(self.csv, CSV_FIELDS)
        self.json = private_open(os.path.join(folder, 'compliance.json'), 'w', encoding='utf-8')
        self.json.write('{"run": %s,\n"summary": %s,\n"controls": %s,\n"hosts": {' % (
            json.dumps(meta, sort_keys=True, default=str), json.dumps(summary_entries, sort_keys=True, default=str),
            json.dumps(controls, sort_keys=True)))
        for number, (host, info) in enumerate(hosts):
            self.json.write('%s\n %s: %s' % (',' if number else '', json.dumps(host), json.dumps(
                info, sort_keys=True, default=str)))
        self.json.write('},\n"results": [')
        self.first = True
        self.junit = private_open(os.path.join(folder, 'junit.xml'), 'w', encoding='utf-8')
        self.junit.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name=%s tests="%d" failures="%d" '
                         'errors="%d" skipped="%d" timestamp=%s>\n' % (
                             xml_attr('district-standard compliance' + (': ' + name if name else '')),
                             sum(counts.values()), sum(counts.get(s, 0) for s in NOT_COMPLIANT),
                             counts.get('error', 0) + counts.get('unreachable', 0),
                             counts.get('waived', 0) + counts.get('not_applicable', 0),
                             xml_attr(meta.get('started', ''))))

    def add(self, json_text, junit_text):
        """A row's JSON and JUnit text (its CSV line is written through Rows)."""
        self.json.write(('\n ' if self.first else ',\n ') + json_text)
        self.first = False
        self.junit.write(junit_text)

    def close(self):
        self.csv.close()
        self.json.write('\n]}\n')
        self.json.close()
        self.junit.write('</testsuite>\n')
        self.junit.close()


class Tee(object):
    """A file that writes to several."""

    def __init__(self, *handles):
        self.handles = handles

    def write(self, text):
        for handle in self.handles:
            handle.write(text)


class Rows(object):
    """Rows into the district's files and, when given, one school's: each row is made into text once, and once
    more for the district when its diff is cut there (CUT: lines, or None)."""

    def __init__(self, district, school=None, cut_lines=None):
        self.district, self.school, self.cut_lines = district, school, cut_lines
        self.csv = CsvWriter(Tee(*[s.csv for s in (district, school) if s is not None]), CSV_FIELDS, header=False)

    def add(self, row):
        self.csv.row(row)
        text, case = json.dumps(row, sort_keys=True), junit_case(row)
        if self.school is not None:
            self.school.add(text, case)
        short = cut(row['diff'], self.cut_lines) if row['diff'] else row['diff']
        if short != row['diff']:
            row = dict(row, diff=short)
            text, case = json.dumps(row, sort_keys=True), junit_case(row)
        self.district.add(text, case)


def slugs(schools):
    """{school: folder name}: lower case letters, digits and dashes, unique."""
    out, taken = {}, set()
    for school in schools:
        base = re.sub(r'[^a-z0-9]+', '-', school.lower()).strip('-')[:60] or 'school'
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = '%s-%d' % (base, n)
        taken.add(slug)
        out[school] = slug
    return out


def write_reports(folder, meta, run, summary, trends, diff_lines):
    """Every file of the run into FOLDER; returns {'index': path, 'schools': {school: folder}}."""
    schools = run.schools()
    several = len(schools) != 1  # no school at all (no host answered a control): the index says so
    places = slugs(schools) if several else {}
    district = summary[('district',)]
    controls = dict((c, run.controls[c]) for c in sorted(run.controls))
    hosts = ((name, run.hosts[name].info()) for name in sorted(run.hosts))
    top = Scope(folder, meta, summary_list(summary), district['counts'], controls, hosts)
    try:
        for school, members in schools.items():
            place = folder
            if several:
                place = private_dir(os.path.join(folder, 'schools', places[school]))
            scope = None
            if several:
                mine = summary_list(summary, lambda key, s=school: key[0] != 'district' and key[1] == s)
                scope = Scope(place, dict(meta, school=school), mine,
                              summary[('school', school)]['counts'], controls,
                              ((h, run.hosts[h].info()) for _room, h in sorted(members, key=lambda m: m[1])),
                              school)
            page = html.SchoolPage(run, school, [host for _room, host in members], summary, trends, diff_lines,
                                   index='../../compliance.html' if several else None)
            rows = Rows(top, scope, diff_lines if several else None)
            try:
                for row in run.rows(school, members):
                    rows.add(row)
                    page.add(row)
            finally:
                if scope is not None:
                    scope.close()
            with private_open(os.path.join(place, 'compliance.html'), 'w', encoding='utf-8') as handle:
                page.write(handle, meta)
    finally:
        top.close()
    if several:
        with private_open(os.path.join(folder, 'compliance.html'), 'w', encoding='utf-8') as handle:
            html.write_index(handle, meta, run, summary, trends, places)
    return {'index': os.path.join(folder, 'compliance.html'),
            'schools': dict((s, os.path.join(folder, 'schools', p)) for s, p in places.items())}
