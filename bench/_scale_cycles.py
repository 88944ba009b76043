"""The typical-2018 and moj-2017 cycles of bench/scale.py (issue 12 item 1): two more
organisations of the same size as the sjc-2023 apparatus (bench/_scale_world.py), one under
sjc-2018 (bench/_scale_typical.py, evaluated once a year) and one under moj-2017
(bench/_scale_moj.py, evaluated each quarter), each year's sheets written in bulk and the
whole-organisation operations of HR and the commission timed through their services, their pages
opened as HR (bench/_scale_commission.py: the commission's session).
"""

from _scale_moj import moj_cycle
from _scale_typical import typical_cycle

__all__ = ["moj_cycle", "typical_cycle"]
