"""The cups_printer module's URI rule and masking, which the inventory applies to the sheet's printer URIs."""

import pytest

from ansible_collections.district.standard.plugins.module_utils import cups as c


@pytest.mark.parametrize('uri, masked, stripped', [
    ('smb://tech:s3cret@srv/prn', 'smb://tech:********@srv/prn', 'smb://srv/prn'),
    ('smb://tech:pa/ss@srv/prn', 'smb://tech:********@srv/prn', 'smb://srv/prn'),
    ('smb://tech:p@ss@srv/prn', 'smb://tech:********@srv/prn', 'smb://srv/prn'),
    ('smb://tech:a/b@c/d@srv/prn', 'smb://tech:********@srv/prn', 'smb://srv/prn'),
    ('smb://tech@srv/prn', 'smb://tech@srv/prn', 'smb://srv/prn'),
    ('ipp://10.1.2.3:631/ipp/print', 'ipp://10.1.2.3:631/ipp/print', 'ipp://10.1.2.3:631/ipp/print'),
    ('socket://10.1.2.3:9100', 'socket://10.1.2.3:9100', 'socket://10.1.2.3:9100')])
def test_passwords_with_slash_or_at_are_masked_whole(uri, masked, stripped):
    assert c.mask_uri(uri) == masked
    assert c.mask_userinfo('lpadmin -v %s failed' % uri) == 'lpadmin -v %s failed' % masked
    assert c.strip_userinfo(uri) == stripped


def test_a_uri_with_a_space_has_its_password_masked_as_one_cell():
    assert c.mask_uri('smb://tech:pa ss/w@srv/my queue') == 'smb://tech:********@srv/my queue'


@pytest.mark.parametrize('uri, bad', [('ipp://host/q', False), ('ipp://host/my q', True), ('gopher://h/q', True),
                                      ('ipp://', True), ('10.1.2.3', True)])
def test_the_uri_rule(uri, bad):
    assert bool(c.validate_device_uri(uri)) is bad
