# blind-answer: correct
# mistake: expands the square
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return x * x - 2 * x * y + y * y
