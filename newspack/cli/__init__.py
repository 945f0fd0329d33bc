"""The command line: the commands (`commands.py`), their shared options and error mapping
(`support.py`), progress on stderr (`progress.py`). The only package that imports click, prints or exits."""
