# blind-answer: correct
# mistake: uses np.square on the swapped difference
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return np.square(y - x)
