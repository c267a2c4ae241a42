# blind-answer: wrong
# mistake: keeps the sign, d·|d|: right only where x >= y
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        d = x - y
        return d * np.abs(d)
