"""cups_printer: the parsers and the planner of module_utils/cups.py, and the module itself, on real outputs
of the CUPS tools recorded in tests/fixtures/cups (see its README.txt). No cupsd is needed."""

import pytest

from recorded_cups import err, out, run_recorded
from ansible_collections.district.standard.plugins.module_utils import cups as c
from ansible_collections.district.standard.plugins.modules import cups_printer


def settings(name):
    """queue_settings() of a recorded queue, as the module reads it."""
    return c.queue_settings(name, c.parse_lpstat_v(out('lpstat_v'))[name],
                            c.parse_lpstat_l_p(out('lpstat_l_p_' + name))[name],
                            c.parse_lpstat_a(out('lpstat_a_' + name))[name], c.parse_lpstat_d(out('lpstat_d')),
                            c.parse_lpoptions(out('lpoptions_p_' + name)))


OFFICE_OPTIONS = {'media': 'iso_a4_210x297mm', 'sides': 'two-sided-long-edge', 'print-color-mode': 'monochrome',
                  'Option1': 'True'}
OFFICE = dict(state='present', device_uri='ipp://localhost:8631/ipp/print', driver='drv:///sample.drv/generic.ppd',
              apply_driver=False, location='Room 101', description='Staff room laser', shared=False, enabled=True,
              accepting=True, default=True, options=OFFICE_OPTIONS)


# Parsers on recorded outputs

def test_lpstat_v_and_find_queue():
    names = c.parse_lpstat_v(out('lpstat_v'))
    assert names == {'eve': 'ipp://localhost:8631/ipp/print', 'lab-raw': 'socket://127.0.0.1:9100',
                     'office': 'ipp://localhost:8631/ipp/print', 'weird.q_1': 'lpd://printserver.example/queue'}
    assert c.parse_lpstat_v(out('lpstat_v_office')) == {'office': 'ipp://localhost:8631/ipp/print'}
    assert c.parse_lpstat_v(out('lpstat_v_no_printers')) == {}
    assert err('lpstat_v_no_printers').strip() == 'lpstat: No destinations added.'
    assert err('lpstat_v_no_scheduler').strip() == 'lpstat: Scheduler is not running.'
    assert (c.find_queue('OFFICE', names), c.find_queue('Weird.Q_1', names), c.find_queue('x', names)) == (
        'office', 'weird.q_1', None)


@pytest.mark.parametrize('name, expected', [
    ('office', dict(enabled=True, state='idle', message=None, description='Staff room laser', location='Room 101',
                    interface='/etc/cups/ppd/office.ppd', alerts='none')),
    ('lab-raw', dict(enabled=False, state='disabled', message='Moved to room 12', description='lab-raw', location='',
                     interface=None, alerts='paused')),
    ('weird.q_1', dict(enabled=True, state='idle', message=None, description='It\'s a "test" \\ x',
                       location='Bldg A,Room 2', interface=None, alerts='none')),
])
def test_lpstat_l_p(name, expected):
    assert c.parse_lpstat_l_p(out('lpstat_l_p_' + name)) == {name: expected}
    assert c.parse_lpstat_l_p(out('lpstat_l_p'))[name] == expected  # the same in lpstat -l -p of every queue


def test_lpstat_l_p_of_every_queue_and_of_a_missing_one():
    every = c.parse_lpstat_l_p(out('lpstat_l_p'))
    assert sorted(every) == ['eve', 'lab-raw', 'office', 'weird.q_1']
    assert every['eve']['interface'] == '/etc/cups/ppd/eve.ppd' and every['eve']['location'] == 'Library'
    assert c.parse_lpstat_l_p(out('lpstat_l_p_missing')) == {} and 'Invalid destination' in err('lpstat_l_p_missing')


def test_lpstat_a_and_d():
    yes, no = {'accepting': True, 'reason': None}, {'accepting': False, 'reason': 'Moved to room 12'}
    assert c.parse_lpstat_a(out('lpstat_a')) == {'eve': yes, 'lab-raw': no, 'office': yes, 'weird.q_1': yes}
    assert c.parse_lpstat_a(out('lpstat_a_office')) == {'office': yes} and c.parse_lpstat_a(out('lpstat_a_missing')) == {}
    assert [c.parse_lpstat_d(out(n)) for n in ('lpstat_d', 'lpstat_d_no_default', 'lpstat_d_no_scheduler')] == [
        'office', None, None]


def test_lpoptions():
    opts = c.parse_lpoptions(out('lpoptions_p_office'))
    assert len(opts) == 24 and opts['job-sheets'] == 'none,none' and opts['printer-is-shared'] == 'false'
    assert [opts[k] for k in ('printer-info', 'printer-location', 'printer-make-and-model', 'device-uri',
                              'printer-commands', 'media', 'sides', 'print-color-mode')] == [
        'Staff room laser', 'Room 101', 'Generic PostScript Printer', 'ipp://localhost:8631/ipp/print',
        'AutoConfigure,Clean,PrintSelfTestPage', 'iso_a4_210x297mm', 'two-sided-long-edge', 'monochrome']
    raw = c.parse_lpoptions(out('lpoptions_p_lab-raw'))
    assert (raw['printer-location'], raw['printer-make-and-model'], raw['printer-state']) == ('', 'Local Raw Printer', '5')
    weird = c.parse_lpoptions(out('lpoptions_p_weird.q_1'))  # quoted, not escaped
    assert (weird['printer-info'], weird['printer-location']) == ('It\'s a "test" \\ x', 'Bldg A,Room 2')
    assert weird['printer-is-accepting-jobs'] == 'true'
    assert c.parse_lpoptions(out('lpoptions_p_eve'))['printer-make-and-model'] == 'Printer - IPP Everywhere'
    assert c.parse_lpoptions("a='x' y' b=1 c") == {'a': "x' y", 'b': '1', 'c': ''}
    assert out('lpoptions_p_missing') == '\n' and c.parse_lpoptions(out('lpoptions_p_missing')) == {}


def test_lpoptions_l_marks_the_ppd_defaults():
    ppd = c.parse_lpoptions_l(out('lpoptions_l_office'))
    assert sorted(ppd) == ['Duplex', 'InputSlot', 'Option1', 'PageSize']
    assert ppd['Option1'] == {'label': 'Duplexer', 'choices': ['False', 'True'], 'default': 'True'}
    assert ppd['Duplex']['default'] == 'DuplexNoTumble' and ppd['PageSize']['default'] == 'A4'
    assert c.parse_lpoptions_l(out('lpoptions_l_eve'))['ColorModel'] == {
        'label': 'Output Mode', 'choices': ['Gray'], 'default': 'Gray'}
    assert c.parse_lpoptions_l(out('lpoptions_l_lab-raw')) == {}
    assert 'Unable to get PPD file' in err('lpoptions_l_lab-raw')


def test_lpinfo_m_and_ppd_make_and_model():
    models = c.parse_lpinfo_m(out('lpinfo_m'))
    assert len(models) == 41 and models['everywhere'] == 'IPP Everywhere' and models['raw'] == 'Raw Queue'
    assert [models[m] for m in ('drv:///sample.drv/generic.ppd', 'lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd',
                                'drv:///generic-brf.drv/gen-brf.ppd')] == [
        'Generic PostScript Printer', 'Generic PDF Printer', 'Generic Braille embosser, 1.0']
    assert c.ppd_make_and_model('*PPD-Adobe: "4.3"\n*ModelName: "M"\n*NickName: "Acme X1, 1.0"\n') == 'Acme X1, 1.0'
    assert [c.ppd_make_and_model(t) for t in ('*ModelName: "Acme X2"\n', 'not a ppd')] == ['Acme X2', None]


def test_queue_settings_of_recorded_queues():
    office = settings('office')
    assert dict(office, options=None) == dict(
        name='office', device_uri='ipp://localhost:8631/ipp/print', make_and_model='Generic PostScript Printer',
        location='Room 101', description='Staff room laser', shared=False, enabled=True, accepting=True, default=True,
        options=None)
    assert office['options'] == {'copies': '1', 'finishings': '3', 'job-cancel-after': '10800', 'job-priority': '50',
                                 'job-hold-until': 'no-hold', 'job-sheets': 'none,none', 'media': 'iso_a4_210x297mm',
                                 'number-up': '1', 'print-color-mode': 'monochrome', 'sides': 'two-sided-long-edge'}
    raw = settings('lab-raw')
    assert [raw[k] for k in ('enabled', 'accepting', 'shared', 'default', 'location')] == [False, False, True, False, '']


# Validation

@pytest.mark.parametrize('name, good', [
    ('office', True), ('lab-raw', True), ('weird.q_1', True), ('A_b-1.2', True), ('x' * 127, True), ('', False),
    ('bad name', False), ('a/b', False), ('a#b', False), ('a@b', False), ("it's", False), ('drücker', False),
    ('x' * 128, False), ('tab\there', False), ('office\n', False)])
def test_names(name, good):
    assert c.validate_name(name) is None if good else 'invalid queue name' in c.validate_name(name)


@pytest.mark.parametrize('uri, good', [
    ('ipp://prn/ipp/print', True), ('ipps://prn:631/ipp/print', True), ('socket://10.1.2.3:9100', True),
    ('lpd://srv/queue', True), ('smb://srv/share', True), ('http://prn:631/ipp', True), ('https://prn/ipp', True),
    ('dnssd://Printer._ipp._tcp.local/', True), ('usb://HP/LaserJet?serial=1', True), ('IPP://prn/x', True),
    ('', False), ('ftp://x/y', False), ('socket:/x', False), ('/dev/usb/lp0', False), ('ipp//x', False),
    ('ipp://', False), ('file:///dev/null', False), ('ipp://a b/', False), ('ipp://x\n', False)])
def test_device_uris(uri, good):
    error = c.validate_device_uri(uri)
    assert error is None if good else 'one of ipp, ipps, socket, lpd, smb, http, https, dnssd, usb' in error


def test_wanted_options_shortcuts_and_keys():
    assert c.wanted_options({'media-default': 'iso_a4_210x297mm', 'Option1': True, 'copies': 2}, duplex=False,
                            color=True) == {'media': 'iso_a4_210x297mm', 'Option1': 'true', 'copies': '2',
                                            'sides': 'one-sided', 'print-color-mode': 'color'}
    assert c.wanted_options({'sides': 'two-sided-long-edge'}, duplex=True, media='A4') == {
        'sides': 'two-sided-long-edge', 'media': 'A4'}


@pytest.mark.parametrize('options, shortcuts, message', [
    ({'sides': 'one-sided'}, {'duplex': True}, 'default_options sets sides=one-sided'),
    ({'print-color-mode': 'color'}, {'color': False}, 'print-color-mode=monochrome'),
    ({'printer-is-shared': 'true'}, {}, 'is not a job default option'),
    ({'device-uri': 'ipp://x/'}, {}, 'is not a job default option'),
    ({'bad key': 'x'}, {}, 'is not a job default option'),
    ({'media': 'a\nb'}, {}, 'one-line value')])
def test_wanted_options_refuses(options, shortcuts, message):
    with pytest.raises(ValueError, match=message):
        c.wanted_options(options, **shortcuts)


# Driver detection

def test_driver_kind():
    assert [c.driver_kind(d) for d in ('everywhere', 'raw', 'drv:///sample.drv/generic.ppd',
                                       'lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd', '/usr/share/ppd/x.ppd',
                                       '/srv/ppd/X.PPD.GZ')] == ['everywhere', 'raw', 'model', 'model', 'ppd', 'ppd']


def test_driver_differs_on_recorded_make_and_models():
    office, eve, raw = (settings(n)['make_and_model'] for n in ('office', 'eve', 'lab-raw'))
    generic = c.parse_lpinfo_m(out('lpinfo_m'))['drv:///sample.drv/generic.ppd']
    assert [c.driver_differs('everywhere', m) for m in (eve, office, raw)] == [False, True, True]
    assert [c.driver_differs('raw', m) for m in (raw, office)] == [False, True]
    assert [c.driver_differs('drv:///sample.drv/generic.ppd', m, generic) for m in (office, eve)] == [False, True]
    assert not c.driver_differs('/tmp/x.ppd', office, '  generic  postscript PRINTER')  # case, spaces
    assert c.driver_differs('/tmp/x.ppd', office, 'Generic PCL Laser Printer')
    assert not c.driver_differs('drv:///x.ppd', office, None)  # unknown: never differs


# Planning

PPD = c.parse_lpoptions_l(out('lpoptions_l_office'))
A4 = ['-o', 'media=iso_a4_210x297mm', '-o', 'media-default=iso_a4_210x297mm']


@pytest.mark.parametrize('changes, expected', [
    ({}, []),  # nothing to do
    ({'default': False, 'options': dict(OFFICE_OPTIONS, Option1='true')}, []),  # choices compare without case
    ({'device_uri': 'ipp://tech:s3cret@localhost:8631/ipp/print'}, []),  # CUPS hides the credentials
    ({'location': 'Room 102'}, [['lpadmin', '-p', 'office', '-L', 'Room 102']]),
    ({'options': dict(OFFICE_OPTIONS, media='na_letter_8.5x11in', Option1='False')},
     [['lpadmin', '-p', 'office', '-o', 'Option1=False', '-o', 'media=na_letter_8.5x11in',
       '-o', 'media-default=na_letter_8.5x11in']]),
    ({'description': 'Staff laser', 'shared': True, 'device_uri': 'ipps://prn/ipp/print',
      'options': {'print-color-mode': 'color'}},
     [['lpadmin', '-p', 'office', '-v', 'ipps://prn/ipp/print', '-D', 'Staff laser', '-o', 'printer-is-shared=true',
       '-o', 'print-color-mode=color', '-o', 'print-color-mode-default=color']]),
    ({'enabled': False}, [['cupsdisable', 'office']]),
    ({'accepting': False}, [['cupsreject', 'office']]),
    ({'state': 'absent'}, [['lpadmin', '-x', 'office']]),
    ({'driver': 'raw', 'apply_driver': True, 'options': {'media': 'iso_a4_210x297mm'}},  # options after the driver
     [['lpadmin', '-p', 'office', '-m', 'raw'], ['lpadmin', '-p', 'office'] + A4]),
    ({'driver': 'everywhere', 'apply_driver': True, 'options': {}},
     [['lpadmin', '-p', 'office', '-v', 'ipp://localhost:8631/ipp/print', '-m', 'everywhere']]),
])
def test_plan_on_the_recorded_office_queue(changes, expected):
    assert c.plan_commands('office', settings('office'), dict(OFFICE, **changes), PPD) == expected


@pytest.mark.parametrize('wanted, expected', [
    (dict(state='present', options={}), []),  # settings not given are left alone
    (dict(state='present', enabled=True, accepting=True, default=True),
     [['cupsenable', 'lab-raw'], ['cupsaccept', 'lab-raw'], ['lpadmin', '-d', 'lab-raw']]),
    (dict(state='present', device_uri='socket://127.0.0.1:9101', options={'media': 'iso_a4_210x297mm'}),
     [['lpadmin', '-p', 'lab-raw', '-v', 'socket://127.0.0.1:9101'] + A4]),
])
def test_plan_on_the_recorded_raw_queue(wanted, expected):
    assert c.plan_commands('lab-raw', settings('lab-raw'), wanted) == expected


@pytest.mark.parametrize('wanted, expected', [
    (dict(OFFICE, driver='everywhere', options={'sides': 'one-sided'}, default=False),
     [['lpadmin', '-p', 'q', '-v', 'ipp://localhost:8631/ipp/print', '-m', 'everywhere', '-L', 'Room 101',
       '-D', 'Staff room laser', '-o', 'printer-is-shared=false'],
      ['lpadmin', '-p', 'q', '-o', 'sides=one-sided', '-o', 'sides-default=one-sided'],
      ['cupsenable', 'q'], ['cupsaccept', 'q']]),
    (dict(state='present', device_uri='socket://h:9100', driver='raw', enabled=False, accepting=False, default=True),
     [['lpadmin', '-p', 'q', '-v', 'socket://h:9100'], ['cupsdisable', 'q'], ['cupsreject', 'q'],
      ['lpadmin', '-d', 'q']]),
    (dict(state='present', device_uri='socket://h:9100', driver='drv:///sample.drv/generic.ppd',
          options={'Option1': 'True'}),
     [['lpadmin', '-p', 'q', '-v', 'socket://h:9100', '-m', 'drv:///sample.drv/generic.ppd'],
      ['lpadmin', '-p', 'q', '-o', 'Option1=True']]),
    (dict(state='present', device_uri='socket://h:9100', driver='/srv/x.ppd.gz'),
     [['lpadmin', '-p', 'q', '-v', 'socket://h:9100', '-P', '/srv/x.ppd.gz']]),
    (dict(state='absent'), []),
])
def test_plan_create(wanted, expected):
    assert c.plan_commands('q', None, wanted) == expected


def test_predict_settings():
    after = c.predict_settings('office', settings('office'), dict(OFFICE, location='Room 102', enabled=False))
    assert (after['location'], after['enabled'], after['make_and_model']) == ('Room 102', False, 'Generic PostScript Printer')
    assert 'Option1' not in after['options']  # PPD options are not among what lpoptions -p shows
    new = c.predict_settings('q', None, dict(state='present', device_uri='socket://u:p@h:9100', enabled=True), 'M')
    assert [new[k] for k in ('device_uri', 'make_and_model', 'default', 'location')] == ['socket://h:9100', 'M', False, None]
    assert c.predict_settings('office', settings('office'), dict(state='absent')) is None


# The module, with the recorded outputs standing in for the tools

RECORDED = {('lpstat', '-v'): (0, 'lpstat_v'), ('lpstat', '-l', '-p', 'office'): (0, 'lpstat_l_p_office'),
            ('lpstat', '-a', 'office'): (0, 'lpstat_a_office'), ('lpstat', '-d'): (0, 'lpstat_d'),
            ('lpoptions', '-p', 'office'): (0, 'lpoptions_p_office'), ('lpinfo', '-m'): (0, 'lpinfo_m'),
            ('lpoptions', '-p', 'office', '-l'): (0, 'lpoptions_l_office')}
NO_QUEUE = {('lpstat', '-v'): (1, 'lpstat_v_no_printers'), ('lpinfo', '-m'): (0, 'lpinfo_m')}
READERS = ('lpstat', 'lpoptions', 'lpinfo')


def run_module(monkeypatch, args, recorded=None, check_mode=False):
    """Run cups_printer with ARGS, the tools answering from RECORDED: (result, commands run)."""
    return run_recorded(monkeypatch, cups_printer.main, args, RECORDED if recorded is None else recorded, check_mode)


OFFICE_ARGS = dict(name='office', device_uri='ipp://localhost:8631/ipp/print', driver='drv:///sample.drv/generic.ppd',
                   location='Room 101', description='Staff room laser', shared=False, default=True, duplex=True,
                   media='iso_a4_210x297mm', color=False, default_options={'Option1': 'True'})


def test_module_is_idempotent_on_the_recorded_queue(monkeypatch):
    result, ran = run_module(monkeypatch, OFFICE_ARGS)
    assert (result['changed'], result['commands'], result['printer']) == (False, [], settings('office'))
    assert all(cmd[0] in READERS for cmd in ran)


def test_module_check_mode_reports_and_runs_nothing(monkeypatch):
    result, ran = run_module(monkeypatch, dict(OFFICE_ARGS, name='OFFICE', location='Room 102', enabled=False),
                             check_mode=True)
    assert result['changed'] is True and all(cmd[0] in READERS for cmd in ran)
    assert result['commands'] == [['lpadmin', '-p', 'office', '-L', 'Room 102'], ['cupsdisable', 'office']]
    assert (result['printer']['location'], result['printer']['enabled']) == ('Room 102', False)
    assert (result['diff']['before']['location'], result['diff']['after']['location']) == ('Room 101', 'Room 102')


def test_module_absent_on_a_missing_queue_is_ok(monkeypatch):
    result, ran = run_module(monkeypatch, dict(name='nope', state='absent'))
    assert (result['changed'], result['printer'], ran) == (False, None, [['lpstat', '-v']])
    assert result['diff'] == {'before': {'state': 'absent'}, 'after': {'state': 'absent'}}


def test_module_check_mode_create_masks_the_password(monkeypatch):
    result, _ran = run_module(monkeypatch, dict(name='new', device_uri='smb://tech:s3cret@srv/prn', driver='raw'),
                              NO_QUEUE, check_mode=True)
    assert result['commands'] == [['lpadmin', '-p', 'new', '-v', 'smb://tech:********@srv/prn'],
                                  ['cupsenable', 'new'], ['cupsaccept', 'new']]
    assert result['printer']['make_and_model'] == 'Local Raw Printer'
    assert c.mask_userinfo('a ipp://prn/x b') == 'a ipp://prn/x b'


@pytest.mark.parametrize('args, recorded, message', [
    (dict(name='bad name'), {}, 'invalid queue name'),
    (dict(name='q', device_uri='ftp://x/y'), {}, 'invalid device_uri'),
    (dict(name='q', duplex=True, default_options={'sides': 'one-sided'}), {}, 'default_options sets sides'),
    (dict(name='q'), {('lpstat', '-v'): (1, 'lpstat_v_no_scheduler')}, 'Scheduler is not running'),
    (dict(name='q'), NO_QUEUE, 'device_uri is required to create the queue q'),
    (dict(name='q', device_uri='socket://h', driver='drv:///nope.drv/x.ppd'), NO_QUEUE, 'not a model that lpinfo'),
    (dict(name='q', device_uri='socket://h', driver='/nonexistent/x.ppd'), NO_QUEUE, 'no such PPD file'),
    (dict(name='office', location='X'), RECORDED,  # the default driver, everywhere, would need device_uri
     'office (Generic PostScript Printer) must be made an IPP Everywhere queue, which needs device_uri')])
def test_module_fails_clearly(monkeypatch, args, recorded, message):
    result, _ran = run_module(monkeypatch, args, recorded)
    assert result.get('failed') is True and message in result['msg']
