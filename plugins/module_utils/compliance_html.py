# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""compliance.html: one self-contained page (no file or network fetched) with the summary per school and room
and its trend, the host x control matrix with a filter box, and the drill-down with diffs. Every value from the
inventory or the hosts is escaped."""

from __future__ import annotations

from html import escape

SYMBOL = {'compliant': '&#10003;', 'drift': '&#9650;', 'error': '!', 'unreachable': '&#8856;', 'waived': 'W',
          'not_applicable': '&middot;', 'managed-by-mdm': 'M', 'needs-edition': 'E'}
LABEL = {'compliant': 'compliant', 'drift': 'drift', 'error': 'error', 'unreachable': 'unreachable',
         'waived': 'waived', 'not_applicable': 'not applicable', 'managed-by-mdm': 'managed by MDM (not in effect)',
         'needs-edition': 'needs another edition'}
STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}h1{font-size:1.5em}h2{margin-top:1.6em}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f2f2f2}.num{text-align:right}.school td{font-weight:600;background:#fafafa}
.matrix td.c{text-align:center;width:1.6em}.matrix th.v{writing-mode:vertical-rl;transform:rotate(180deg);
white-space:nowrap;font-weight:500}.compliant{background:#dff3df}.drift{background:#ffe2b8}.error{background:#f8c4c4}
.unreachable{background:#d9d9d9}.waived{background:#dde8f8}.not_applicable{color:#999}
.managed-by-mdm,.needs-edition{background:#f3e0f7}
pre{background:#f6f6f6;padding:6px;overflow-x:auto;max-width:100em;white-space:pre-wrap}
#filter{font-size:1em;padding:4px;width:24em}.legend span{padding:2px 6px;margin-right:4px}
details{margin:4px 0}summary{cursor:pointer}.bad{color:#b00}
"""
SCRIPT = """
function applyFilter(){var q=document.getElementById('filter').value.trim().toLowerCase(),n=0;
var rows=document.querySelectorAll('tr.host');rows.forEach(function(r){
var show=!q||r.getAttribute('data-search').indexOf(q)>=0;r.style.display=show?'':'none';if(show)n++;});
document.querySelectorAll('details.host').forEach(function(d){
d.style.display=(!q||d.getAttribute('data-search').indexOf(q)>=0)?'':'none';});
document.getElementById('shown').textContent=n+' of '+rows.length+' hosts';}
document.getElementById('filter').addEventListener('input',applyFilter);applyFilter();
"""


def e(value):
    return escape('' if value is None else str(value), quote=True)


def pct_text(value):
    return '-' if value is None else '%.1f%%' % value


def sparkline(points, width=120, height=24):
    """An inline SVG line of the % compliant of the last runs (oldest left), with each value in its title."""
    values = [(s, v) for s, v in points if v is not None]
    if not values:
        return ''
    step = width / max(len(values) - 1, 1)
    coords = ' '.join('%.1f,%.1f' % (i * step, height - 2 - (v / 100.0) * (height - 4)) for i, (_s, v) in enumerate(values))
    title = e('; '.join('%s: %s' % (s, pct_text(v)) for s, v in values))
    return ('<svg width="%d" height="%d" role="img"><title>%s</title><polyline fill="none" stroke="#2a6" '
            'stroke-width="2" points="%s"/></svg> %s' % (width, height, title, coords,
                                                         ' &rarr; '.join(pct_text(v) for _s, v in values[-4:])))


def summary_table(summary, trends):
    out = ['<table class="summary"><tr><th>School</th><th>Room</th><th class="num">Hosts</th>'
           '<th class="num">Hosts fully compliant</th><th class="num">% compliant</th><th>Trend (last runs)</th>'
           '<th>Top drifting controls</th></tr>']
    for key in sorted(k for k in summary if k[0] == 'school'):
        school = key[1]
        rows = [(key, 'school')] + [(k, 'room') for k in sorted(summary) if k[0] == 'room' and k[1] == school]
        for k, kind in rows:
            s = summary[k]
            top = ', '.join('%s (%d)' % (c, n) for c, n in s['top_drift']) or '-'
            out.append('<tr class="%s"><td>%s</td><td>%s</td><td class="num">%d</td><td class="num">%d</td>'
                       '<td class="num">%s</td><td>%s</td><td>%s</td></tr>' % (
                           kind, e(school) if kind == 'school' else '', e(k[2]) if kind == 'room' else '',
                           s['hosts'], s['hosts_compliant'], pct_text(s['pct']),
                           sparkline(trends.get(school, [])) if kind == 'school' else '', e(top)))
    out.append('</table>')
    return '\n'.join(out)


def matrix(run, rows):
    controls = sorted(run.controls)
    by_host = {}
    for row in rows:
        by_host.setdefault(row['host'], {})[row['control']] = row
    out = ['<table class="matrix"><tr><th>Host</th><th>Asset tag</th><th>School</th><th>Room</th>%s</tr>' % ''.join(
        '<th class="v" title="%s">%s</th>' % (e(run.controls[c]['title']), e(c)) for c in controls)]
    hosts = sorted(run.hosts, key=lambda h: (run.hosts[h]['school'], run.hosts[h]['room'], h))
    for host in hosts:
        h = run.hosts[host]
        cells = by_host.get(host, {})
        search = ' '.join([host, h['asset_tag'], h['school'], h['room']] + [
            '%s %s' % (c, cells[c]['status']) for c in cells]).lower()
        tds = []
        for c in controls:
            row = cells.get(c)
            if row is None:
                tds.append('<td class="c"></td>')
                continue
            tip = '%s %s: %s' % (c, LABEL[row['status']], row['detail'] or row['title'])
            tds.append('<td class="c %s" title="%s"><a href="#d-%s">%s</a></td>' % (
                row['status'], e(tip), e(host), SYMBOL[row['status']]))
        out.append('<tr class="host" data-search="%s"><td>%s%s</td><td>%s</td><td>%s</td><td>%s</td>%s</tr>' % (
            e(search), e(host), (' <span class="bad">(%s)</span>' % e(h['problem'])) if h['problem'] else '',
            e(h['asset_tag']), e(h['school']), e(h['room']), ''.join(tds)))
    out.append('</table>')
    return '\n'.join(out)


def drill_down(run, rows):
    out = []
    by_host = {}
    for row in rows:
        by_host.setdefault(row['host'], []).append(row)
    for host in sorted(run.hosts):
        h = run.hosts[host]
        items = [r for r in by_host.get(host, []) if r['status'] not in ('compliant', 'not_applicable')]
        search = ' '.join([host, h['asset_tag'], h['school'], h['room']] + [r['control'] for r in items]).lower()
        parts = []
        for r in items:
            waiver = ''
            if r['waiver_reason']:
                waiver = ' &mdash; waiver%s: %s (%s, until %s)' % (
                    ' EXPIRED' if r['waiver_expired'] else '', e(r['waiver_reason']), e(r['waiver_owner']),
                    e(r['waiver_expires']))
            parts.append('<li class="%s"><b>%s</b> %s &mdash; %s%s%s%s</li>' % (
                r['status'], e(r['control']), e(r['title']), LABEL[r['status']],
                (': ' + e(r['detail'])) if r['detail'] else '', waiver,
                ('<pre>%s</pre>' % e(r['diff'])) if r['diff'] else ''))
        out.append('<details class="host" id="d-%s" data-search="%s"><summary>%s (%s, %s) &mdash; %d to look at'
                   '</summary><ul>%s</ul></details>' % (e(host), e(search), e(host), e(h['school']), e(h['room']),
                                                        len(items), ''.join(parts) or '<li>all compliant</li>'))
    return '\n'.join(out)


def render(meta, run, summary, trends):
    rows = run.rows()
    district = summary.get(('district',), {'hosts': 0, 'hosts_compliant': 0, 'pct': None})
    expired = run.expired_waivers()
    legend = ''.join('<span class="%s">%s %s</span>' % (s, SYMBOL[s], LABEL[s]) for s in SYMBOL)
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
        'script-src \'unsafe-inline\'; img-src data:">',
        '<title>District standard compliance &mdash; %s</title><style>%s</style></head><body>' % (
            e(meta['started']), STYLE),
        '<h1>District standard compliance</h1>',
        '<p>Dry run of %s, started %s, scope <code>%s</code>: <b>%d hosts, %d fully compliant, %s of checked '
        'controls compliant</b>.</p>' % (e(meta.get('playbook')), e(meta['started']), e(meta.get('scope')),
                                        district['hosts'], district['hosts_compliant'], pct_text(district['pct'])),
        '<h2>By school and room</h2>', summary_table(summary, trends),
    ]
    if expired:
        parts.append('<h2>Expired waivers (their controls are checked again)</h2><ul>%s</ul>' % ''.join(
            '<li>%s: %s &mdash; %s (%s), expired %s, %s</li>' % (e(h), e(w['control']), e(w['reason']), e(w['owner']),
                                                              e(w['expires']), e(w['source'])) for h, w in expired))
    parts += [
        '<h2>Hosts &times; controls</h2>',
        '<p><input id="filter" type="search" placeholder="Filter: host, asset tag, school, room, control, status" '
        'aria-label="Filter"> <span id="shown"></span></p>',
        '<p class="legend">%s</p>' % legend, matrix(run, rows),
        '<h2>Drill-down</h2>', drill_down(run, rows),
        '<script>%s</script></body></html>' % SCRIPT,
    ]
    return '\n'.join(parts) + '\n'
