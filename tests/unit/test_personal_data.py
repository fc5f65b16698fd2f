"""Names from the asset sheet kept out of report text (plugin_utils/personal_data.py)."""

from ansible_collections.district.standard.plugins.plugin_utils.personal_data import personal_values, redact

MOTD = '-  Lincoln, room Lab 101. Assigned to nobody recorded.\n+  Lincoln, room Lab 101. Assigned to Jane Student.\n'


def test_the_assigned_person_notes_and_personal_extra_columns_are_redacted():
    values = personal_values({'asset_assigned_to': 'Jane Student', 'asset_notes': 'loaned to J. Doe',
                              'asset_extra': {'student_email': 'jane@school.example', 'purchase_date': '2024-01-01',
                                              'teacher': 'Mr Brown'}, 'asset_room': 'Lab 101'})
    assert sorted(label for _v, label in values) == ['assigned_to', 'notes', 'student_email', 'teacher']
    text = redact(MOTD + 'JANE  STUDENT\nnote: loaned to J. Doe; mail jane@school.example; Mr Brown', values)
    assert 'Jane' not in text and 'JANE' not in text and 'Doe' not in text and 'Brown' not in text
    assert 'Assigned to [assigned_to].' in text and '[assigned_to]\n' in text and '[notes]' in text
    assert '[student_email]' in text and '[teacher]' in text
    assert 'Lab 101' in text and '2024' not in str(values)  # room and purchase date are not personal


def test_nothing_to_redact_leaves_the_text_alone():
    assert personal_values({'asset_assigned_to': '', 'asset_notes': 'n/a'}) == ()
    assert personal_values({'asset_assigned_to': 'Al'}) == ()  # too short to find safely
    assert redact(MOTD, ()) == MOTD and redact('', (('Jane', 'assigned_to'),)) == ''
