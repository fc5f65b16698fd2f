"""Stand-in for pypa's get-pip.py, the pip bootstrap ansible-test downloads from ci-files.testing.ansible.com
(unreachable from the build machines): pip from the Python's own ensurepip wheel, then the same `pip install`
ansible-test asked get-pip.py for, from the package index pip is configured with. `make sanity` puts it where
ansible-test looks for its cached copy (~/.ansible/test/cache/get_pip_<version>.py)."""

import subprocess
import sys

# In a subprocess: ensurepip hides pip's configuration (PIP_CONFIG_FILE=/dev/null) in the process that runs it.
subprocess.check_call([sys.executable, '-m', 'ensurepip'])
options = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
sys.exit(subprocess.call([sys.executable, '-m', 'pip', 'install'] + options))
