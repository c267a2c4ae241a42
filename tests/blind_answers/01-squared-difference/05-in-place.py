# blind-answer: wrong
# mistake: subtracts in place, x -= y: changes the caller's array, fails when y has the larger shape and on read-only constants
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        x -= y
        return x * x
