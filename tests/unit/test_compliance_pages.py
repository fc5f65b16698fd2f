"""The compliance pages (plugin_utils/compliance_html.py and its templates): escaping, the district index and the
school pages, and the Content-Security-Policy that lets only the page's own style and script run."""

import base64
import hashlib
import json
import os
import re
from html.parser import HTMLParser

from ansible_collections.district.standard.plugins.plugin_utils import compliance_html
from ansible_collections.district.standard.plugins.plugin_utils.compliance_files import write_reports
from ansible_collections.district.standard.plugins.plugin_utils.compliance_run import Run
from test_compliance import EVIL, META, sample_run

TRENDS = ({'Lincoln': [('a', 50.0), ('b', 75.0)]}, {('Lincoln', 'Library'): [('a', 10.0), ('b', 20.0)]})


class Page(HTMLParser):
    """The CSP, the inline scripts and styles, the links and the host rows of a page."""

    def __init__(self, path):
        super(Page, self).__init__(convert_charrefs=True)
        self.csp, self.scripts, self.styles, self.links, self.hosts, self.open = None, [], [], [], [], None
        with open(path, encoding='utf-8') as handle:
            self.text = handle.read()
        self.feed(self.text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == 'meta' and attrs.get('http-equiv') == 'Content-Security-Policy':
            self.csp = attrs['content']
        if tag in ('script', 'style'):
            self.open = (tag, [])
        if tag == 'a' and attrs.get('href'):
            self.links.append(attrs['href'])
        if tag == 'tr' and attrs.get('class') == 'host':
            self.hosts.append(attrs['data-host'])

    def handle_data(self, data):
        if self.open:
            self.open[1].append(data)

    def handle_endtag(self, tag):
        if self.open and self.open[0] == tag:
            (self.scripts if tag == 'script' else self.styles).append(''.join(self.open[1]))
            self.open = None


def report(tmp_path, run=None):
    run = run or sample_run(tmp_path)
    folder = tmp_path / 'report'
    folder.mkdir()
    files = write_reports(str(folder), META, run, run.summary(), TRENDS, 40)
    return folder, files


def sha256(text):
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()


def directives(csp):
    return dict((d.split()[0], d.split()[1:]) for d in csp.split(';') if d.strip())


def test_the_policy_allows_only_the_pages_own_style_and_script_by_hash(tmp_path):
    folder, files = report(tmp_path)
    for path in (str(folder / 'compliance.html'), os.path.join(files['schools']['Lincoln'], 'compliance.html')):
        page = Page(path)
        policy = directives(page.csp)
        assert "'unsafe-inline'" not in page.csp and "'unsafe-eval'" not in page.csp
        assert policy['default-src'] == ["'none'"] and policy['base-uri'] == ["'none'"]
        assert policy['form-action'] == ["'none'"]
        assert policy['style-src'] == [sha256(s) for s in page.styles] and len(page.styles) == 1
        assert policy['script-src'] == ([sha256(s) for s in page.scripts] or ["'none'"])
        assert page.text.index('Content-Security-Policy') < page.text.index('<style>')  # in force before both
    assert Page(os.path.join(files['schools']['Lincoln'], 'compliance.html')).scripts  # the filter's script
    assert not Page(str(folder / 'compliance.html')).scripts  # the index needs none


def test_every_value_is_escaped_and_the_pages_fetch_nothing(tmp_path):
    folder, files = report(tmp_path)
    for path in (str(folder / 'compliance.html'), os.path.join(files['schools']['Lincoln'], 'compliance.html')):
        text = Page(path).text
        assert EVIL not in text and 'src=' not in text.replace('default-src', '').replace('-src ', '')
        assert 'href="http' not in text and '<img' not in text and '<link' not in text
    school = Page(os.path.join(files['schools']['Lincoln'], 'compliance.html')).text
    assert '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;' in school  # the asset tag and the drift message
    assert '+&lt;script&gt;' in school  # ...and the diff


def test_the_index_links_every_school_page_with_its_figures(tmp_path):
    folder, files = report(tmp_path)
    index = Page(str(folder / 'compliance.html'))
    assert index.hosts == []  # no host matrix on the index
    pages = [link for link in index.links if link.startswith('schools/')]
    assert sorted(set(pages)) == ['schools/lincoln/compliance.html', 'schools/washington/compliance.html']
    assert all(os.path.isfile(str(folder / link)) for link in pages)
    assert {'compliance.csv', 'compliance.json', 'junit.xml'} <= set(index.links)
    text = index.text
    assert 'polyline' in text and '50.0% → 75.0%' in text  # Lincoln's trend
    assert 'managed by MDM' in text and 'needs another edition' in text  # every status has its column
    assert 'Expired waivers' in text and 'group_vars/all.yml' in text and '>old<' in text
    assert re.search(r'<td>APP-LOG-01</td><td>Journal</td><td class="num">1</td><td class="num">1</td>', text)


def test_a_school_page_has_its_rooms_and_only_its_hosts(tmp_path):
    folder, files = report(tmp_path)
    lincoln = Page(os.path.join(files['schools']['Lincoln'], 'compliance.html'))
    assert lincoln.hosts == ['pc1', 'pc2', 'pc3'] and 'pc4' not in lincoln.text and 'Washington' not in lincoln.text
    assert '../../compliance.html' in lincoln.links
    assert 'Lab 101' in lincoln.text and 'Library' in lincoln.text and '10.0% → 20.0%' in lincoln.text  # room trend
    assert 'waiver EXPIRED' not in lincoln.text  # the expired waiver is on a control pc2 does not check
    assert 'Expired waivers' in lincoln.text and '<td>old</td>' in lincoln.text  # but pc2's page lists it
    washington = Page(os.path.join(files['schools']['Washington'], 'compliance.html'))
    assert washington.hosts == ['pc4'] and 'unreachable: ssh timed out' in washington.text
    assert 'Expired waivers' not in washington.text  # another school's waiver is not this school's


def test_a_run_of_one_school_gets_one_page(tmp_path):
    run = sample_run(tmp_path)
    run.hosts['pc4'].school = 'Lincoln'
    folder, files = report(tmp_path, run)
    assert files['schools'] == {} and not os.path.exists(str(folder / 'schools'))
    page = Page(str(folder / 'compliance.html'))
    assert page.hosts == ['pc1', 'pc2', 'pc4', 'pc3'] and page.scripts  # rooms in order: Lab 101, Lab 2, Library
    assert 'All schools' not in page.text


def test_the_templates_ship_inside_the_collection():
    """The pages are read from plugins/plugin_utils/templates, found from the module's own file: where the
    collection is installed, they are too."""
    assert compliance_html.TEMPLATES.endswith(os.path.join('district', 'standard', 'plugins', 'plugin_utils',
                                                           'templates'))
    names = set(os.listdir(compliance_html.TEMPLATES))
    assert {'compliance_base.html.j2', 'compliance_index.html.j2', 'compliance_school.html.j2',
            'compliance_macros.html.j2', 'compliance.css', 'compliance_school.js'} <= names
    assert compliance_html.environment().autoescape is True


def test_a_run_where_no_host_answered_still_has_its_page(tmp_path):
    run = Run(str(tmp_path / 'spool'))
    run.expect(1, 'APP-SSH-02', 'Harden sshd', 'app_server')
    run.finish()
    folder, files = report(tmp_path, run)
    page = Page(str(folder / 'compliance.html'))
    assert files['schools'] == {} and '0 hosts in 0 schools' in page.text and page.hosts == []
    with open(str(folder / 'compliance.json')) as handle:
        assert json.load(handle)['results'] == []
    district = run.summary()[('district',)]  # every reader of the summary finds the district, with no hosts
    assert (district['hosts'], district['hosts_compliant'], district['pct'], district['top_drift']) == (0, 0, None, [])
    assert set(district['counts'].values()) == {0}
