# blind-answer: wrong
# mistake: adds the squares of x and y
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return x**2 + y**2
