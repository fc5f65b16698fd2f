"""The print server after the role: real CUPS, queues from the sheet's printers."""

import json


def queue(host, name):
    return host.run('lpstat -l -p %s', name)


def test_cups_runs_and_listens(host):
    assert host.service('cups').is_running
    assert host.service('cups').is_enabled
    assert host.socket('tcp://0.0.0.0:631').is_listening or host.socket('tcp://:::631').is_listening


def test_one_queue_per_printer_with_a_uri(host):
    uris = host.check_output('lpstat -v')
    assert 'device for lab101-prn01: ipp://127.0.0.1:8631/ipp/print' in uris
    assert 'device for lib-prn01: socket://10.10.20.250:9100' in uris
    assert 'device for office-mfp01: ipps://office-mfp01.district.example.org/ipp/print' in uris
    assert 'rm12-prn01' not in uris


def test_a_printers_credentials_are_in_its_queue_only(host):
    # printer_credentials joined to the URI in the queue task (percent-encoded); CUPS never shows them
    conf = host.file('/etc/cups/printers.conf')
    assert conf.user == 'root' and conf.mode & 0o077 == 0
    assert ('DeviceURI ipps://lincoln-office:p%40ss%2Fw0rd%3A%20scan@office-mfp01.district.example.org/ipp/print'
            in conf.content_string)
    assert 'w0rd' not in host.check_output('lpstat -v') + host.check_output('lpstat -l -p office-mfp01')


def test_location_description_sharing_and_defaults(host):
    details = queue(host, 'lib-prn01').stdout
    assert 'Location: Library' in details
    assert 'Description: HL-L5200DW (asset 100221)' in details
    options = host.check_output('lpoptions -p lib-prn01')
    assert 'printer-is-shared=true' in options
    assert host.check_output('lpstat -d') == 'system default destination: lib-prn01'
    assert 'accepting requests' in host.check_output('lpstat -a lab101-prn01')


def test_everywhere_queue_talks_to_the_printer(host):
    assert 'Everywhere' in host.check_output('lpoptions -p lab101-prn01')


def test_only_the_roles_own_queues_are_removed(host):
    names = host.check_output('lpstat -e').split()
    assert 'old-prn01' not in names
    assert 'teacher-own' in names
    managed = json.loads(host.file('/var/lib/district-standard/print_server_queues.json').content_string)
    assert managed == ['lab101-prn01', 'lib-prn01', 'office-mfp01']


def test_admin_is_limited_to_the_group(host):
    assert 'SystemGroup lpadmin' in host.file('/etc/cups/cups-files.conf').content_string
    assert 'lpadmin' in host.user('tech1').groups
    conf = host.file('/etc/cups/cupsd.conf').content_string
    assert 'Require user @SYSTEM' in conf
