# blind-answer: wrong
# mistake: reads the square as times two: (x - y) * 2
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return (x - y) * 2
