"""Published sheet URLs: named by label, https only, a deadline for the whole download, a size limit."""

import time

import pytest

from ansible_collections.district.standard.plugins.plugin_utils.sheet_read import SheetError
from ansible_collections.district.standard.plugins.plugin_utils.sheet_sources import (
    FetchOptions, parse_sources, read_sources)
from ansible_collections.district.standard.plugins.plugin_utils.sheet_url import fetch_url, scrub, url_label

from sheet_server import KEY, TOKEN, SheetServer


@pytest.fixture
def server():
    with SheetServer() as running:
        yield running


def assert_secret_free(text):
    assert TOKEN not in text and KEY not in text and '/spreadsheets/d/e/' not in text


def test_a_url_source_is_named_by_its_name_or_a_short_hash():
    named, anonymous = parse_sources([{'url': 'https://x.example/d/%s/pub' % TOKEN, 'name': 'lincoln sheet'},
                                      'https://x.example/d/%s/pub' % TOKEN])
    assert (named.label, anonymous.label) == ('lincoln sheet', url_label('https://x.example/d/%s/pub' % TOKEN))
    assert anonymous.label.startswith('url-') and len(anonymous.label) == 14
    for source in (named, anonymous):
        assert_secret_free(repr(source.fingerprint()) + source.label)


def test_http_is_refused_unless_allow_http_and_the_error_hides_the_url():
    with pytest.raises(SheetError) as refused:
        parse_sources([{'url': 'http://x.example/d/%s/pub' % TOKEN, 'name': 'lab sheet'}])
    assert str(refused.value).startswith('source lab sheet: http:// is refused')
    assert_secret_free(str(refused.value))
    assert parse_sources('http://x.example/pub', allow_http=True)[0].is_url


def test_a_source_mapping_with_unknown_keys_is_refused_without_echoing_it():
    with pytest.raises(SheetError, match=r"source\[0\]: each mapping needs 'path' or 'url'.* it has password, url"):
        parse_sources([{'url': 'https://x.example/%s' % TOKEN, 'password': TOKEN}])


def test_a_sheet_is_fetched_and_read_under_its_label(server):
    sources = parse_sources([{'url': server.url, 'name': 'lincoln sheet'}], allow_http=True)
    (table,) = read_sources(sources, FetchOptions(timeout=5, deadline=10))
    assert table.label == 'lincoln sheet' and table.rows[1][0] == 'pc01'


def test_a_server_sending_one_byte_at_a_time_is_stopped_at_the_deadline(server):
    server.handler.mode = 'slow'
    started = time.monotonic()
    with pytest.raises(SheetError) as slow:
        fetch_url(server.url, 'slow sheet', timeout=5, deadline=2)
    # the body would take 50 s; the bound is wide so that a busy machine cannot fail it
    assert time.monotonic() - started < 15
    assert str(slow.value).startswith('slow sheet: the published sheet did not arrive within url_deadline (2 s)')


@pytest.mark.parametrize('mode', ['big', 'chunked-big'])
def test_a_sheet_over_url_max_bytes_fails(server, mode):
    server.handler.mode = mode
    with pytest.raises(SheetError, match='big sheet: the published sheet is larger than url_max_bytes '
                                         r'\(1000000 bytes\)'):
        fetch_url(server.url, 'big sheet', timeout=5, deadline=20, max_bytes=1000000)


def test_a_failing_url_names_its_label_never_the_url(server):
    server.handler.mode = 'fail'
    with pytest.raises(SheetError) as failed:
        fetch_url(server.url, 'lincoln sheet', timeout=5, deadline=10)
    assert str(failed.value).startswith('lincoln sheet: cannot fetch the published sheet (HTTP 500')
    assert_secret_free(str(failed.value))


def test_scrub_removes_the_url_its_path_and_its_query():
    url = 'https://docs.example.org/spreadsheets/d/e/%s/pub?output=csv&key=%s' % (TOKEN, KEY)
    text = scrub('GET %s failed; path /spreadsheets/d/e/%s/pub?output=csv&key=%s; query output=csv&key=%s'
                 % (url, TOKEN, KEY, KEY), url, 'lincoln sheet')
    assert_secret_free(text)
    assert text.count('<lincoln sheet>') == 3
