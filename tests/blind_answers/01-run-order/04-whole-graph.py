# blind-answer: wrong
# mistake: returns every node of the graph in creation order, including nodes the target does not need
def run_order(target):
    """Every node `target` needs, once each, each after its inputs."""
    # YOUR CODE HERE
    return list(target.graph.nodes)
