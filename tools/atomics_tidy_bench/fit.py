"""How a time grows with a size: the exponent of a power law (the slope of
log(time) against log(size), least squares; 1 is linear, 2 quadratic), and
how well a straight line time = a + b * size fits (R^2)."""

import math

# A growth whose exponent, over the larger half of the sizes, stays below
# this is called linear: measured times on a shared machine wobble by a few
# per cent, which moves a fitted exponent by a few hundredths.
LINEAR_EXPONENT = 1.15


def _least_squares(points):
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    syy = sum((y - my) ** 2 for _, y in points)
    slope = sxy / sxx if sxx else float("nan")
    r2 = (sxy * sxy / (sxx * syy)) if sxx and syy else float("nan")
    return slope, my - slope * mx, r2


def exponent(points):
    """Least-squares slope of log(y) against log(x); nan with fewer than
    two usable points."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return float("nan")
    return _least_squares(pts)[0]


def linear_r2(points):
    """R^2 of the straight line through the points."""
    if len(points) < 2:
        return float("nan")
    return _least_squares(points)[2]


class Growth:
    """The fit of one series: exponent over all sizes, over the larger half
    (where the constant cost of starting a process no longer flattens the
    curve), and the R^2 of a straight line."""

    def __init__(self, points):
        points = sorted(points)
        self.exponent = exponent(points)
        self.exponent_large = exponent(points[(len(points) - 1) // 2:])
        self.r2 = linear_r2(points)

    def linear(self):
        return not self.exponent_large > LINEAR_EXPONENT
