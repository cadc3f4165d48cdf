/// A docstring convention.
public enum DocstringStyle: String, Sendable, Hashable, Codable, CaseIterable {
    /// Google style (`Args:` headers, indented entries), as read by Sphinx's napoleon.
    case google
    /// NumPy style (`Parameters` headers underlined with dashes), as read by numpydoc.
    case numpy
    /// Sphinx / reStructuredText field lists (`:param x:`, `:returns:`).
    case sphinx
    /// Epytext fields (`@param x:`, `@return:`).
    case epytext
    /// Prose only: no sections of any style.
    case plain
}
