"""Two-dimensional vectors."""

import math


class Vector:
    """
    A vector in the plane.

    Parameters
    ----------
    x : float
        The horizontal component.
    y : float
        The vertical component.
    """

    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = float(x)
        self.y = float(y)

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y)

    def __mul__(self, factor):
        """
        Scale the vector.

        Parameters
        ----------
        factor : float
            The scale factor.

        Returns
        -------
        Vector
            A new, scaled vector.
        """
        return Vector(self.x * factor, self.y * factor)

    def dot(self, other):
        """
        Dot product.

        Parameters
        ----------
        other : Vector
            The other vector.

        Returns
        -------
        float
            ``x1*x2 + y1*y2``.
        """
        return self.x * other.x + self.y * other.y

    def cross(self, other):
        """Cross."""
        return self.x * other.y - self.y * other.x

    def length(self):
        """
        Return the Euclidean length.

        Returns
        -------
        float
            The length, never negative.
        """
        return math.hypot(self.x, self.y)

    def normalized(self):
        """
        Return the unit vector in the same direction.

        Returns
        -------
        Vector
            A vector of length one.

        Raises
        ------
        ZeroDivisionError
            If the vector has length zero.
        """
        size = self.length()
        if size == 0:
            raise ZeroDivisionError("cannot normalize the zero vector")
        return Vector(self.x / size, self.y / size)

    def angle_to(self, other):
        """
        Angle between two vectors.

        Parameters
        ----------
        vector : Vector
            The other one.
        """
        denominator = self.length() * other.length()
        if denominator == 0:
            raise ValueError("angle with the zero vector is undefined")
        cosine = max(-1.0, min(1.0, self.dot(other) / denominator))
        return math.acos(cosine)

    def rotated(self, angle, origin=None):
        origin = origin or Vector(0, 0)
        shifted = self - origin
        cos, sin = math.cos(angle), math.sin(angle)
        return Vector(shifted.x * cos - shifted.y * sin, shifted.x * sin + shifted.y * cos) + origin

    def project_onto(self, other):
        """
        TODO
        """
        denominator = other.dot(other)
        if denominator == 0:
            raise ValueError("cannot project onto the zero vector")
        return other * (self.dot(other) / denominator)

    def is_close(self, other, tolerance=1e-9):
        """
        Compare with a tolerance.

        Parameters
        ----------
        other : Vector
            The vector to compare with.
        tolerance : float, optional
            The largest difference per component, by default ``1e-9``.

        Returns
        -------
        bool
            Whether both components are within the tolerance.
        """
        return abs(self.x - other.x) <= tolerance and abs(self.y - other.y) <= tolerance

    def __iter__(self):
        yield self.x
        yield self.y

    def __repr__(self):
        return f"Vector({self.x:g}, {self.y:g})"


def distance(a, b):
    """
    Distance between two points.

    Parameters
    ----------
    a, b : Vector
        The points.

    Returns
    -------
    float
        The Euclidean distance.
    """
    return (a - b).length()


def centroid(points):
    if not points:
        raise ValueError("centroid of no points")
    sx = sum(p.x for p in points)
    sy = sum(p.y for p in points)
    return Vector(sx / len(points), sy / len(points))


def orientation(a, b, c):
    """
    Orientation of an ordered triple of points.

    Parameters
    ----------
    a : Vector
        The first point.
    b : Vector
        The second point.
    c : Vector
        The third point.

    Returns
    -------
    int
        1 for counter-clockwise, -1 for clockwise, 0 for collinear.
    """
    value = (b - a).cross(c - a)
    if abs(value) < 1e-12:
        return 0
    return 1 if value > 0 else -1


def lerp(a, b, t):
    """Linear interpolation."""
    return a + (b - a) * t
