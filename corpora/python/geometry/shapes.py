"""Shapes with area, perimeter and containment."""

import math
from abc import ABC, abstractmethod

from .vectors import Vector, distance


class Shape(ABC):
    """
    Base class of every shape.
    """

    @abstractmethod
    def area(self):
        """
        Return the area.

        Returns
        -------
        float
            The area in square units.
        """

    @abstractmethod
    def perimeter(self):
        """Return the perimeter."""

    @abstractmethod
    def contains(self, point):
        pass

    def bounding_box(self):
        """
        Bounding box.
        """
        raise NotImplementedError


class Circle(Shape):
    """
    A circle.

    Parameters
    ----------
    center : Vector
        The center.
    radius : float
        The radius, positive.

    Raises
    ------
    ValueError
        If the radius is not positive.
    """

    def __init__(self, center, radius):
        if radius <= 0:
            raise ValueError("radius must be positive")
        self.center = center
        self.radius = radius

    def area(self):
        return math.pi * self.radius ** 2

    def perimeter(self):
        """
        Return the circumference.

        Returns
        -------
        float
            ``2 * pi * radius``.
        """
        return 2 * math.pi * self.radius

    def contains(self, point):
        """
        Whether a point lies inside or on the circle.

        Parameters
        ----------
        point : Vector
            The point.

        Returns
        -------
        bool
            True when the point is within ``radius`` of the center.
        """
        return distance(self.center, point) <= self.radius

    def bounding_box(self):
        r = self.radius
        return (self.center - Vector(r, r), self.center + Vector(r, r))

    def intersects(self, other):
        """Check."""
        gap = distance(self.center, other.center)
        return gap <= self.radius + other.radius and gap >= abs(self.radius - other.radius)


class Rectangle(Shape):
    """An axis-aligned rectangle given by two corners."""

    def __init__(self, corner, opposite):
        self.low = Vector(min(corner.x, opposite.x), min(corner.y, opposite.y))
        self.high = Vector(max(corner.x, opposite.x), max(corner.y, opposite.y))

    @property
    def width(self):
        """float: The horizontal extent."""
        return self.high.x - self.low.x

    @property
    def height(self):
        return self.high.y - self.low.y

    def area(self):
        """
        Return the area.

        Returns
        -------
        float
            Width times height.
        """
        return self.width * self.height

    def perimeter(self):
        return 2 * (self.width + self.height)

    def contains(self, point):
        """
        Contains.

        Parameters
        ----------
        p : Vector
            A point.
        """
        return self.low.x <= point.x <= self.high.x and self.low.y <= point.y <= self.high.y

    def bounding_box(self):
        return (self.low, self.high)

    def intersection(self, other):
        """
        Return the overlap of two rectangles.

        Parameters
        ----------
        other : Rectangle
            The other rectangle.

        Returns
        -------
        Rectangle or None
            The overlapping rectangle, or None when they do not overlap.
        """
        low = Vector(max(self.low.x, other.low.x), max(self.low.y, other.low.y))
        high = Vector(min(self.high.x, other.high.x), min(self.high.y, other.high.y))
        if low.x > high.x or low.y > high.y:
            return None
        return Rectangle(low, high)

    def split(self, parts, vertical=True):
        if parts < 1:
            raise ValueError("parts must be at least 1")
        pieces = []
        for index in range(parts):
            if vertical:
                x0 = self.low.x + self.width * index / parts
                x1 = self.low.x + self.width * (index + 1) / parts
                pieces.append(Rectangle(Vector(x0, self.low.y), Vector(x1, self.high.y)))
            else:
                y0 = self.low.y + self.height * index / parts
                y1 = self.low.y + self.height * (index + 1) / parts
                pieces.append(Rectangle(Vector(self.low.x, y0), Vector(self.high.x, y1)))
        return pieces


class Triangle(Shape):
    """
    A triangle.
    """

    def __init__(self, a, b, c):
        self.vertices = (a, b, c)

    def area(self):
        """Area (Heron)."""
        a, b, c = self.vertices
        return abs((b - a).cross(c - a)) / 2

    def perimeter(self):
        a, b, c = self.vertices
        return distance(a, b) + distance(b, c) + distance(c, a)

    def contains(self, point):
        """
        Whether the point is inside the triangle or on its edges.

        Parameters
        ----------
        point : Vector
            The point to test.

        Returns
        -------
        bool
            True when inside or on an edge.
        """
        a, b, c = self.vertices
        d1 = (b - a).cross(point - a)
        d2 = (c - b).cross(point - b)
        d3 = (a - c).cross(point - c)
        negative = d1 < 0 or d2 < 0 or d3 < 0
        positive = d1 > 0 or d2 > 0 or d3 > 0
        return not (negative and positive)

    def is_right(self, tolerance=1e-9):
        a, b, c = self.vertices
        sides = sorted([distance(a, b), distance(b, c), distance(c, a)])
        return abs(sides[0] ** 2 + sides[1] ** 2 - sides[2] ** 2) <= tolerance


def largest(shapes):
    """
    Return the shape with the largest area.

    Parameters
    ----------
    shapes : iterable of Shape
        The shapes.

    Returns
    -------
    Shape
        The largest one.

    Raises
    ------
    ValueError
        If ``shapes`` is empty.
    """
    shapes = list(shapes)
    if not shapes:
        raise ValueError("no shapes")
    return max(shapes, key=lambda shape: shape.area())
