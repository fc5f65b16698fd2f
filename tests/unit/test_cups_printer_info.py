"""cups_printer_info on the recorded outputs of a CUPS 2.4 host with four queues (tests/fixtures/cups)."""

from recorded_cups import run_recorded
from ansible_collections.district.standard.plugins.modules import cups_printer_info

QUEUES = ('eve', 'lab-raw', 'office', 'weird.q_1')
EVERY = dict([(('lpstat', '-v'), (0, 'lpstat_v')), (('lpstat', '-l', '-p'), (0, 'lpstat_l_p')),
              (('lpstat', '-a'), (0, 'lpstat_a')), (('lpstat', '-d'), (0, 'lpstat_d'))]
             + [(('lpoptions', '-p', q), (0, 'lpoptions_p_' + q)) for q in QUEUES])


def run(monkeypatch, recorded=None, check_mode=False, **args):
    return run_recorded(monkeypatch, cups_printer_info.main, args, EVERY if recorded is None else recorded, check_mode)


def test_every_queue_with_its_settings(monkeypatch):
    result, ran = run(monkeypatch)
    assert result['changed'] is False and result['default'] == 'office' and result['missing'] == []
    by_name = dict((p['name'], p) for p in result['printers'])
    assert [p['name'] for p in result['printers']] == list(QUEUES)
    assert by_name['office']['default'] and not by_name['eve']['default']
    assert (by_name['office']['location'], by_name['office']['make_and_model']) == (
        'Room 101', 'Generic PostScript Printer')
    raw = by_name['lab-raw']
    assert (raw['enabled'], raw['accepting'], raw['device_uri']) == (False, False, 'socket://127.0.0.1:9100')
    assert by_name['weird.q_1']['description'] == 'It\'s a "test" \\ x'
    assert by_name['eve']['make_and_model'].endswith(' - IPP Everywhere')
    assert not any(argv[0] == 'lpadmin' for argv in ran)  # reads only
    assert sum(argv[0] == 'lpstat' for argv in ran) == 4  # once for all queues, not per queue


def test_named_queues_ignore_case_and_report_missing(monkeypatch):
    result, _ran = run(monkeypatch, name=['OFFICE', 'Weird.Q_1', 'old-lab-printer'])
    assert [p['name'] for p in result['printers']] == ['office', 'weird.q_1']
    assert result['missing'] == ['old-lab-printer'] and result['default'] == 'office'


def test_no_queue_at_all(monkeypatch):
    result, ran = run(monkeypatch, recorded={('lpstat', '-v'): (1, 'lpstat_v_no_printers')}, check_mode=True)
    assert (result['printers'], result['default'], result.get('failed')) == ([], None, None)
    assert ran == [['lpstat', '-v']]


def test_no_scheduler_fails_with_a_hint(monkeypatch):
    result, _ran = run(monkeypatch, recorded={('lpstat', '-v'): (1, 'lpstat_v_no_scheduler')})
    assert result['failed'] and 'Scheduler is not running' in result['msg'] and 'cupsd' in result['hint']
