"""The engine's node kinds beyond the lessons' ops: random nodes, assignments, computed initial
values, name scopes, default sessions, and optimizers built from (gradient, variable) pairs."""

import numpy as np
import pytest

import deepslow as ds


@pytest.fixture(autouse=True)
def fresh_graph():
    ds.reset_default_graph()


class Uniform(ds.RandomNode):
    def __init__(self, shape, seed=None, name=None):
        super().__init__(seed=seed, name=name)
        self.shape, self.dtype = tuple(shape), ds.float32

    def sample(self, rng):
        return rng.uniform(size=self.shape).astype(np.float32)


class Fails(ds.Operation):
    def compute(self, x):
        raise ValueError("this op always fails")


class Increment(ds.AssignNode):
    def new_value(self, current, value):
        return current + value


@pytest.mark.parametrize("compile_plans", [True, False])
def test_random_nodes_draw_anew_each_run_and_a_new_session_repeats_the_sequence(compile_plans):
    ds.get_default_graph().seed = 7
    noise = Uniform((3,), name="noise")
    runs = []
    for _ in range(2):
        with ds.Session(compile_plans=compile_plans) as sess:
            runs.append([sess.run(noise) for _ in range(4)])
    first, second = runs
    assert not np.array_equal(first[0], first[1])  # a new draw every run
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)  # the same sequence in every session


def test_random_seeds_choose_the_sequence_and_the_op_seed_counts():
    def draws(graph_seed, op_seed):
        ds.reset_default_graph()
        ds.get_default_graph().seed = graph_seed
        with ds.Session() as sess:
            return sess.run(Uniform((4,), seed=op_seed))

    np.testing.assert_array_equal(draws(1, None), draws(1, None))
    assert not np.array_equal(draws(1, None), draws(2, None))
    assert not np.array_equal(draws(1, 5), draws(1, 6))


@pytest.mark.parametrize("compile_plans", [True, False])
def test_a_variable_initialized_from_a_random_node(compile_plans):
    ds.get_default_graph().seed = 3
    w = ds.Variable(Uniform((2, 2)), name="w")
    assert w.shape == (2, 2) and w.dtype == np.float32
    with ds.Session(compile_plans=compile_plans) as sess:
        for _ in range(3):
            sess.run(ds.global_variables_initializer())
        value = sess.run(w)
        assert value.shape == (2, 2) and np.all((0 <= value) & (value < 1))
        np.testing.assert_array_equal(sess.run(w), value)  # drawn when initialized, then kept


@pytest.mark.parametrize("compile_plans", [True, False])
def test_assignments_commit_only_when_the_run_succeeds(compile_plans):
    counter = ds.Variable(0, trainable=False, name="counter")
    step = Increment(counter, 1, name="step")
    x = ds.placeholder(ds.float32, (2,), name="x")
    with ds.Session(compile_plans=compile_plans) as sess:
        sess.run(counter.initializer)
        for expected in (1, 2, 3, 4):
            assert sess.run(step) == expected and sess.run(counter) == expected
        with pytest.raises(ds.FeedError):
            sess.run([step, x * 2], {x: [1.0, 2.0, 3.0]})
        with pytest.raises(ds.OpError, match="'fails'"):
            sess.run([step, Fails(step, name="fails")])  # fails after the assignment has run
        assert sess.run(counter) == 4  # the failed runs wrote nothing
        wrong = Increment(counter, np.ones(3, np.int32), name="wrong")
        with pytest.raises(ds.ShapeError, match=r"variable 'counter' \(Variable\) has shape \(\)"):
            sess.run(wrong)


def test_assign_needs_a_variable():
    with pytest.raises(TypeError, match="writes a Variable"):
        Increment(ds.constant(1.0), 1.0)


def test_name_scopes_name_nodes_as_tensorflow_does():
    graph = ds.get_default_graph()
    with graph.name_scope("layer") as scope:
        assert scope == "layer/" and graph.get_name_scope() == "layer"
        w = ds.Variable([1.0], name="w")
        y = w * 2.0
        with graph.name_scope("inner"):
            z = ds.square(y)
    with graph.name_scope("layer"):
        again = ds.constant(1.0)
    with graph.name_scope("layer/"):
        reentered = ds.constant(1.0, name="c")
    assert (w.name, y.name, z.name) == ("layer/w", "layer/mul", "layer/inner/Square")  # `*` names it "mul", as TF
    assert again.name == "layer_1/Const" and reentered.name == "layer/c"
    with graph.name_scope("layer"), graph.name_scope(None):
        assert ds.constant(1.0, name="top").name == "top"


def test_eval_and_run_use_the_default_session_and_interactive_sessions():
    w = ds.Variable([1.0, 2.0])
    init = ds.global_variables_initializer()
    with pytest.raises(RuntimeError, match="no default session"):
        w.eval()
    sess = ds.InteractiveSession()
    try:
        init.run()
        np.testing.assert_array_equal((w * 2).eval(), [2.0, 4.0])
        assert ds.get_default_session() is sess
    finally:
        sess.close()
    with pytest.raises(RuntimeError, match="no default session"):
        w.eval()
    with ds.Session() as other:
        init.run()
        assert w.eval(session=other)[1] == 2.0


@pytest.mark.parametrize("compile_plans", [True, False])
def test_apply_gradients_takes_changed_gradients_and_counts_steps(compile_plans):
    w = ds.Variable([3.0, -4.0], name="w")
    step = ds.Variable(0, trainable=False, name="global_step")
    loss = ds.reduce_sum(ds.square(w))
    opt = ds.train.GradientDescentOptimizer(0.1)
    ((grad, var),) = opt.compute_gradients(loss)
    assert var is w
    train = opt.apply_gradients([(grad * 0.5, var)], global_step=step)  # a scaled gradient: any node works
    with ds.Session(compile_plans=compile_plans) as sess:
        sess.run(ds.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        np.testing.assert_allclose(sess.run(w), np.array([3.0, -4.0]) * 0.9**3, rtol=1e-6)
        assert sess.run(step) == 3


def test_variable_values_and_load_variables():
    w, b = ds.Variable([1.0, 2.0], name="w"), ds.Variable(0.5, name="b")
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        saved = sess.variable_values()
        assert set(saved) == {w, b}
        saved[w][0] = 99.0  # a copy: the session's value is untouched
        assert sess.run(w)[0] == 1.0
        sess.load_variables({w: [5.0, 6.0]})
        np.testing.assert_array_equal(sess.run(w), [5.0, 6.0])
    with ds.Session() as fresh:
        with pytest.raises(ds.UninitializedVariableError, match="'w'"):
            fresh.variable_values([w])
