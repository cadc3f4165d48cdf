"""Polygon algorithms: area, convex hull, point in polygon, simplification."""

from .vectors import Vector, distance, orientation


def signed_area(points):
    """
    Signed area of a simple polygon (shoelace formula).

    Parameters
    ----------
    points : list of Vector
        The vertices in order.

    Returns
    -------
    float
        Positive for counter-clockwise vertices, negative for clockwise.
    """
    total = 0.0
    for index, point in enumerate(points):
        following = points[(index + 1) % len(points)]
        total += point.cross(following)
    return total / 2


def convex_hull(points):
    """
    Convex hull.

    Parameters
    ----------
    pts : list
        Points.
    """
    unique = sorted(set((p.x, p.y) for p in points))
    if len(unique) <= 2:
        return [Vector(x, y) for x, y in unique]
    ordered = [Vector(x, y) for x, y in unique]
    lower = []
    for point in ordered:
        while len(lower) >= 2 and orientation(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    upper = []
    for point in reversed(ordered):
        while len(upper) >= 2 and orientation(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return lower[:-1] + upper[:-1]


def point_in_polygon(point, polygon):
    inside = False
    count = len(polygon)
    for index in range(count):
        a = polygon[index]
        b = polygon[(index + 1) % count]
        if orientation(a, b, point) == 0 and min(a.x, b.x) <= point.x <= max(a.x, b.x) and min(a.y, b.y) <= point.y <= max(a.y, b.y):
            return True
        if (a.y > point.y) != (b.y > point.y):
            crossing = a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y)
            if point.x < crossing:
                inside = not inside
    return inside


def simplify(points, tolerance):
    """
    Simplify a polyline with the Ramer-Douglas-Peucker algorithm.

    Parameters
    ----------
    points : list of Vector
        The polyline.
    tolerance : float
        The largest distance a removed point may have from the result.

    Returns
    -------
    list of Vector
        The kept points, first and last always included.

    Raises
    ------
    ValueError
        If ``tolerance`` is negative.
    """
    if tolerance < 0:
        raise ValueError("tolerance must not be negative")
    if len(points) < 3:
        return list(points)
    first, last = points[0], points[-1]
    farthest, index = 0.0, 0
    for position in range(1, len(points) - 1):
        gap = _distance_to_segment(points[position], first, last)
        if gap > farthest:
            farthest, index = gap, position
    if farthest <= tolerance:
        return [first, last]
    left = simplify(points[: index + 1], tolerance)
    right = simplify(points[index:], tolerance)
    return left[:-1] + right


def _distance_to_segment(point, start, end):
    segment = end - start
    length_squared = segment.dot(segment)
    if length_squared == 0:
        return distance(point, start)
    t = max(0.0, min(1.0, (point - start).dot(segment) / length_squared))
    return distance(point, start + segment * t)


def perimeter(points, closed=True):
    """
    Perimeter.
    """
    total = sum(distance(points[i], points[i + 1]) for i in range(len(points) - 1))
    if closed and len(points) > 2:
        total += distance(points[-1], points[0])
    return total


def is_convex(points):
    """
    Whether a polygon is convex.

    Parameters
    ----------
    points : list of Vector
        The vertices in order.

    Returns
    -------
    bool
        True when every turn has the same direction.
    """
    signs = set()
    for index in range(len(points)):
        turn = orientation(points[index - 2], points[index - 1], points[index])
        if turn:
            signs.add(turn)
        if len(signs) > 1:
            return False
    return True


def triangulate(points):
    """Ear clipping triangulation of a simple polygon."""
    remaining = list(points)
    if signed_area(remaining) < 0:
        remaining.reverse()
    triangles = []
    guard = 0
    while len(remaining) > 3 and guard < 10_000:
        guard += 1
        for index in range(len(remaining)):
            a, b, c = remaining[index - 1], remaining[index], remaining[(index + 1) % len(remaining)]
            if orientation(a, b, c) <= 0:
                continue
            if any(point_in_polygon(p, [a, b, c]) for p in remaining if p not in (a, b, c)):
                continue
            triangles.append((a, b, c))
            del remaining[index]
            break
        else:
            raise ValueError("polygon is not simple")
    triangles.append(tuple(remaining))
    return triangles


def bounding_box(points):
    """
    Parameters
    ----------
    points : list of Vector
        The points.

    Returns
    -------
    tuple of Vector
        The lower-left and upper-right corners.
    """
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    return Vector(min(xs), min(ys)), Vector(max(xs), max(ys))


def resample(points, spacing):
    if spacing <= 0:
        raise ValueError("spacing must be positive")
    result = [points[0]]
    carried = 0.0
    for start, end in zip(points, points[1:]):
        segment = distance(start, end)
        position = spacing - carried
        while position <= segment:
            result.append(start + (end - start) * (position / segment))
            position += spacing
        carried = (carried + segment) % spacing
    return result
