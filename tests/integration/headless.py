"""Headless Chromium (Debian's chromium and chromium-driver, through selenium) for the report tests."""

import contextlib


@contextlib.contextmanager
def chromium():
    """A headless Chromium; its console (CSP violations included) is read with errors(browser)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = '/usr/bin/chromium'
    for arg in ('--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=1400,1000'):
        options.add_argument(arg)
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    browser = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def errors(browser):
    """The console errors since the last call (a blocked style or script is one)."""
    return [entry['message'] for entry in browser.get_log('browser') if entry['level'] == 'SEVERE']


def visible_hosts(browser):
    """The host names of the matrix rows the filter shows."""
    return browser.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('tr.host'), function (r) {"
        " return r.style.display !== 'none'; }).map(function (r) { return r.getAttribute('data-host'); });")
