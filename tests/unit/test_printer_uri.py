"""printer_uri: a printer's device URI with its user and password from the vault (printer_credentials), for the
task that makes the queue only (roles/print_server, roles/printers tasks/cups.yml)."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.district.standard.plugins.filter.printers import printer_uri
from ansible_collections.district.standard.plugins.module_utils.cups import mask_userinfo, strip_userinfo

OFFICE = {'name': 'office-mfp01', 'uri': 'ipps://10.10.1.250/ipp/print'}


def test_a_printer_without_credentials_keeps_its_uri():
    assert printer_uri(OFFICE, {}) == 'ipps://10.10.1.250/ipp/print'
    assert printer_uri(OFFICE, None) == 'ipps://10.10.1.250/ipp/print'
    assert printer_uri(OFFICE, {'lib-prn01': {'user': 'x', 'password': 'y'}}) == 'ipps://10.10.1.250/ipp/print'


def test_credentials_join_the_uri_by_printer_name():
    credentials = {'office-mfp01': {'user': 'lincoln-office', 'password': 'Sc4n-to-f0lder'}}
    assert printer_uri(OFFICE, credentials) == 'ipps://lincoln-office:Sc4n-to-f0lder@10.10.1.250/ipp/print'


@pytest.mark.parametrize('password, encoded', [('p@ss/w0rd', 'p%40ss%2Fw0rd'), ('a:b c%', 'a%3Ab%20c%25'),
                                               ('caf\u00e9#1?', 'caf%C3%A9%231%3F')])
def test_characters_that_would_end_the_user_information_are_encoded(password, encoded):
    smb = {'name': 'copier', 'uri': 'smb://WORKGROUP/printsrv/copier'}
    uri = printer_uri(smb, {'copier': {'user': 'DOM\\scan', 'password': password}})
    assert uri == 'smb://DOM%5Cscan:' + encoded + '@WORKGROUP/printsrv/copier'
    # the CUPS module's rules then see one user information part: compared without it, shown masked
    assert strip_userinfo(uri) == 'smb://WORKGROUP/printsrv/copier'
    assert password not in mask_userinfo(uri) and encoded not in mask_userinfo(uri)


def test_a_user_without_a_password():
    printer = {'name': 'lpd1', 'uri': 'lpd://10.0.0.9/queue'}
    assert printer_uri(printer, {'lpd1': {'user': 'lab'}}) == 'lpd://lab@10.0.0.9/queue'


@pytest.mark.parametrize('printer, credentials, message', [
    ({'name': 'p1', 'uri': 'ipp://u:Old-Pw-9@10.0.0.1/ipp'}, {'p1': {'user': 'u', 'password': 'Secret-1'}},
     'p1: its URI already holds a user'),
    ({'name': 'p1', 'uri': ''}, {'p1': {'user': 'u', 'password': 'Secret-1'}}, 'p1 has credentials'),
    ({'name': 'p1', 'uri': 'usb:///dev/lp0'}, {'p1': {'user': 'u', 'password': 'Secret-1'}}, 'p1 has credentials'),
    ({'name': 'p1', 'uri': 'ipp://10.0.0.1/'}, {'p1': {'password': 'Secret-1'}}, 'printer_credentials[p1]'),
    ({'name': 'p1', 'uri': 'ipp://10.0.0.1/'}, {'p1': 'Secret-1'}, 'printer_credentials[p1]'),
    ({'name': 'p1', 'uri': 'bogus://10.0.0.1/q'}, {'p1': {'user': 'u', 'password': 'Secret-1'}},
     'p1: CUPS does not take its URI'),
    ({'name': 'p1', 'uri': 'ipp://10.0.0.1/my queue'}, {'p1': {'user': 'u', 'password': 'Secret-1'}},
     'p1: CUPS does not take its URI'),
    ('ipp://10.0.0.1/', {}, 'must be a printer'),
])
def test_errors_name_the_printer_never_the_password(printer, credentials, message):
    with pytest.raises(AnsibleFilterError) as error:
        printer_uri(printer, credentials)
    assert message in str(error.value)
    assert 'Secret-1' not in str(error.value) and 'Old-Pw-9' not in str(error.value)
