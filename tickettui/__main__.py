"""``python -m tickettui``: the tickettui command's own start (``quick_start.main``), so it paints
from the start record as the console script does, and is the command line otherwise."""

from tickettui.quick_start import main

main()
