"""Cell text before it means anything: numbers as typed, placeholders, and cells quoted in messages."""

import pytest

from ansible_collections.district.standard.plugins.plugin_utils import sheet_text as t


@pytest.mark.parametrize('text, expected', [
    ('100234.0', '100234'), ('100234.00', '100234'), ('-5.0', '-5'), ('12.5', '12.5'), ('11E20427', '11E20427'),
    ('12E5', '12E5'), ('1E3', '1E3'), ('1E99999999999', '1E99999999999'), ('07P012017', '07P012017'),
    ('C2205E491', 'C2205E491'), ('4.000021E+11', '4.000021E+11'), ('1.2345E+5', '1.2345E+5'),
    ('10.0.0.1', '10.0.0.1'), ('ABC123', 'ABC123')])
def test_text_is_kept_exactly_as_typed_but_a_whole_number_loses_its_zero_fraction(text, expected):
    assert t.number_text(text) == expected


@pytest.mark.parametrize('text', ['4.00002E+11', '1.2E+05', '9.99999e+14', '1.2345E+05'])
def test_excels_shortened_form_is_a_problem_saying_how_to_fix_the_sheet(text):
    with pytest.raises(ValueError, match='Excel shortened this number; its digits are lost: format the column as '
                                         'Text and type it again'):
        t.number_text(text)


@pytest.mark.parametrize('number, digits', [(100234.0, 6), (0.1 + 0.2, 17), (123456789012345.0, 15),
                                            (1234567890123456.0, 16), (1e20, 21), (12.5, 3), (float('inf'), 99)])
def test_significant_digits_of_a_workbook_number(number, digits):
    assert t.significant_digits(number) == digits


@pytest.mark.parametrize('text, placeholder', [
    ('N/A', True), ('n/a', True), ('TBD', True), ('-', True), ('?', True), ('Unknown', True), ('NONE', True),
    ('nnnnnnnnnnnn', True), ('000000', True), ('xxxx', True), ('----', True), ('nnn', False), ('1000', False),
    ('N/A2', False), ('', False)])
def test_placeholders(text, placeholder):
    assert t.is_placeholder(text, t.placeholder_set()) is placeholder


def test_a_quoted_cell_is_cut_at_80_characters_with_control_characters_escaped():
    assert t.quote('ab\x1b[31mc\n\td\x00') == "'ab\\x1b[31mc\\n\\td\\x00'"
    long = t.quote('x' * 200000)
    assert long == "'" + 'x' * 80 + "…'"
    assert t.shown('\x85\u2028ok') == '\\x85\u2028ok'
