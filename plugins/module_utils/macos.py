# -*- coding: utf-8 -*-
# Copyright: district-standard contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsing what pmset prints, and the pmset arguments that bring a Mac to a wanted state (used by the
district.standard.macos_pmset module, on the Mac, and by the role's data layer through the macos_pmset_profile
and macos_pmset_schedule filters). Pure functions: they return plain dicts and lists and raise ValueError on
output they do not recognise, so a changed format is an error of the control that reads it instead of a silent
wrong decision. The formats are pmset's own printf formats (Apple's PowerManagement sources, pmset/pmset.c) as
macOS 12 to 15 print them. The other macOS tools are parsed in macos_system.py and macos_softwareupdate.py;
lpstat and the other CUPS tools in cups.py. Runs on the Mac's Python (3.9 of the Command Line Tools)."""

from __future__ import annotations

import re

# pmset -g custom: ' %-20s %value' lines; a value may be followed by a note, e.g. '(sleep prevented by powerd)'.
_SETTING_RE = re.compile(r'^\s*(?P<key>\S(?:.*?\S)?)\s+(?P<value>\S+)(?:\s+\((?P<note>.*)\))?\s*$')
POWER_SOURCES = ('AC Power', 'Battery Power', 'UPS Power')
# pmset's day letters and the names it prints for the day masks it knows.
DAY_LETTERS = 'MTWRFSU'
_DAY_NAMES = {'every day': 'MTWRFSU', 'weekdays only': 'MTWRF', 'weekends only': 'SU', 'Monday': 'M',
              'Tuesday': 'T', 'Wednesday': 'W', 'Thursday': 'R', 'Friday': 'F', 'Saturday': 'S', 'Sunday': 'U'}
# A day mask pmset has no name for is printed 'Some days': which days is not in the output.
SOME_DAYS = '?'
_REPEAT_RE = re.compile(r'^\s+(?P<type>[a-z]+) at (?P<hour>\d{1,2}):(?P<minute>\d\d)(?P<ampm>[AP])M (?P<days>.+?)\s*$')
_EVENT_RE = re.compile(r"^\s*\[\d+\]\s+(?P<type>[a-z]+) at (?P<month>\d\d)/(?P<day>\d\d)/(?P<year>\d\d(?:\d\d)?) "
                       r"(?P<time>\d\d:\d\d:\d\d)(?: by '(?P<by>.*?)')?(?P<rest>.*)$")
# The repeating event types pmset prints (power on side / power off side) and the argument that schedules each.
REPEAT_ARG = {'wakepoweron': 'wakeorpoweron', 'wake': 'wake', 'poweron': 'poweron', 'shutdown': 'shutdown',
              'sleep': 'sleep', 'restart': 'restart'}
_TIME_RE = re.compile(r'^([01]?\d|2[0-3]):([0-5]\d)(?::00)?$')


def int_or_text(text):
    """An int when the value is one, else the string."""
    return int(text) if re.match(r'^-?\d+$', text) else text


def output_lines(text, what):
    """The non-empty lines of TEXT (right-stripped); ValueError naming WHAT when TEXT is not a string."""
    if not isinstance(text, str):
        raise ValueError('%s: expected the text the command printed, got %s' % (what, type(text).__name__))
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _setting(line, what):
    m = _SETTING_RE.match(line)
    if not m:
        raise ValueError('%s: unrecognised line %r' % (what, line.strip()))
    return m.group('key'), int_or_text(m.group('value'))


def parse_pmset_custom(text):
    """`pmset -g custom`: {power source: {setting: int or str}}, e.g. {'AC Power': {...}, 'Battery Power': {...}}
    on a laptop, only 'AC Power' on a desktop."""
    out, source = {}, None
    for line in output_lines(text, 'pmset -g custom'):
        if line.endswith(':') and line[:-1] in POWER_SOURCES:
            source = line[:-1]
            out[source] = {}
            continue
        if source is None:
            raise ValueError('pmset -g custom: expected a power source ("AC Power:", "Battery Power:"), got %r'
                             % line.strip())
        key, value = _setting(line, 'pmset -g custom')
        out[source][key] = value
    if not out:
        raise ValueError('pmset -g custom: no power source in the output')
    return out


def _clock(hour, minute, ampm):
    hour = int(hour) % 12 + (12 if ampm == 'P' else 0)
    return '%02d:%s' % (hour, minute)


def parse_pmset_sched(text):
    """`pmset -g sched`: {'repeating': [{type, time 'HH:MM' (24 h), days}], 'scheduled': [{type, when, by}]}.
    days is pmset's letters (MTWRFSU), or SOME_DAYS for a mask pmset prints as 'Some days'. 'No scheduled
    events.' gives both lists empty."""
    out = {'repeating': [], 'scheduled': []}
    lines = output_lines(text, 'pmset -g sched')
    if [line.strip() for line in lines] == ['No scheduled events.']:
        return out
    section = None
    for line in lines:
        if line == 'Repeating power events:':
            section = 'repeating'
            continue
        if line == 'Scheduled power events:':
            section = 'scheduled'
            continue
        m = (_REPEAT_RE if section == 'repeating' else _EVENT_RE).match(line) if section else None
        if not m:
            raise ValueError('pmset -g sched: unrecognised line %r' % line.strip())
        if section == 'repeating':
            days = m.group('days')
            if days not in _DAY_NAMES and days != 'Some days':
                raise ValueError('pmset -g sched: unrecognised days %r in %r' % (days, line.strip()))
            out['repeating'].append({'type': m.group('type'), 'time': _clock(m.group('hour'), m.group('minute'),
                                                                             m.group('ampm')),
                                     'days': _DAY_NAMES.get(days, SOME_DAYS)})
        else:
            year = m.group('year') if len(m.group('year')) == 4 else '20' + m.group('year')
            out['scheduled'].append({'type': m.group('type'), 'by': m.group('by') or '',
                                     'when': '%s-%s-%s %s' % (year, m.group('month'), m.group('day'),
                                                              m.group('time'))})
    if section is None:
        raise ValueError('pmset -g sched: no "Repeating power events:" or "Scheduled power events:" in the output')
    return out


# What a district power profile means for pmset.

def _minutes(profile, key):
    value = profile.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError('power profile: %s must be minutes (an integer, 0 for never), got %r' % (key, value))
    return value


def pmset_profile(profile, laptop=False, wake_on_lan=True, disk_sleep_minutes=10):
    """The pmset settings of a district power profile ({display_off_minutes, sleep_minutes, hibernate_minutes,
    ...}) per power source: {'AC Power': {...}} on a desktop, AC and battery on a laptop. Wake on LAN (womp)
    only on AC; hibernate_minutes > 0 becomes standbydelaylow/high (seconds), which only Intel Macs report
    (pmset_args leaves out what the Mac does not report)."""
    settings = {'displaysleep': _minutes(profile, 'display_off_minutes'),
                'sleep': _minutes(profile, 'sleep_minutes'),
                'disksleep': disk_sleep_minutes}
    hibernate = _minutes(profile, 'hibernate_minutes')
    if hibernate:
        settings.update(standbydelaylow=hibernate * 60, standbydelayhigh=hibernate * 60)
    out = {'AC Power': dict(settings, womp=1 if wake_on_lan else 0)}
    if laptop:
        out['Battery Power'] = dict(settings)
    return out


def _hhmm(value, what):
    m = _TIME_RE.match(str(value))
    if not m:
        raise ValueError('power profile: %s must be a time HH:MM (or empty for none), got %r' % (what, value))
    return '%02d:%s' % (int(m.group(1)), m.group(2))


def pmset_schedule(profile, days='MTWRF'):
    """The repeating events of a district power profile: wake_at becomes a 'wakepoweron', shutdown_at a
    'shutdown', on DAYS (pmset letters); [] when it has neither."""
    if not days or any(d not in DAY_LETTERS for d in days):
        raise ValueError('power days must be pmset day letters (MTWRFSU), got %r' % (days,))
    days = ''.join(d for d in DAY_LETTERS if d in days)
    out = []
    for key, kind in (('wake_at', 'wakepoweron'), ('shutdown_at', 'shutdown')):
        if profile.get(key):
            out.append({'type': kind, 'days': days, 'time': _hhmm(profile[key], key)})
    return out


def pmset_args(wanted, current):
    """The pmset argv that brings CURRENT (parse_pmset_custom) to WANTED ({source: {setting: value}}, or one
    {setting: value} for every source): only the settings that differ, [] when none does. Settings the Mac
    does not report for a source are left out. The same changes on every source become one '-a'."""
    if not isinstance(current, dict) or not current:
        raise ValueError('pmset_args: current must be the parsed pmset -g custom output')
    if wanted and all(not isinstance(v, dict) for v in wanted.values()):
        wanted = dict((source, wanted) for source in current)
    flags = {'AC Power': '-c', 'Battery Power': '-b', 'UPS Power': '-u'}
    changes = {}
    for source, settings in sorted((wanted or {}).items()):
        if source not in flags:
            raise ValueError('pmset_args: unknown power source %r (expected one of %s)' % (source, ', '.join(flags)))
        now = current.get(source)
        if now is None:
            continue  # a desktop has no battery
        diff = [(k, int(v)) for k, v in sorted(settings.items()) if k in now and now[k] != int(v)]
        if diff:
            changes[source] = diff
    if not changes:
        return []
    argv = ['pmset']
    same = [changes.get(s) for s in current]
    if len(set(map(repr, same))) == 1:
        return argv + ['-a'] + [str(x) for pair in same[0] for x in pair]
    for source in sorted(changes, key=lambda s: list(flags).index(s)):
        argv += [flags[source]] + [str(x) for pair in changes[source] for x in pair]
    return argv


def _days_match(wanted, current):
    if current == SOME_DAYS:  # a mask pmset has no name for: any such mask matches
        return wanted not in _DAY_NAMES.values()
    return wanted == current


def pmset_repeat_args(wanted, current):
    """The pmset commands (a list of argv) that make the repeating power events WANTED (pmset_schedule) out of
    CURRENT (parse_pmset_sched, or its 'repeating' list): [] when they match, ['pmset', 'repeat', 'cancel']
    when none is wanted, else a cancel (when there are events now) and one 'pmset repeat' with the events."""
    now = current.get('repeating', []) if isinstance(current, dict) else list(current or [])
    wanted = list(wanted or [])
    for event in wanted:
        if event.get('type') not in REPEAT_ARG:
            raise ValueError('pmset_repeat_args: unknown event type %r' % (event.get('type'),))
    same = len(wanted) == len(now) and all(
        any(w['type'] == n['type'] and _hhmm(w['time'], 'time') == n['time'] and _days_match(w['days'], n['days'])
            for n in now) for w in wanted)
    if same:
        return []
    cancel = [['pmset', 'repeat', 'cancel']] if now else []
    if not wanted:
        return cancel
    argv = ['pmset', 'repeat']
    for event in wanted:
        argv += [REPEAT_ARG[event['type']], event['days'], _hhmm(event['time'], 'time') + ':00']
    return cancel + [argv]
