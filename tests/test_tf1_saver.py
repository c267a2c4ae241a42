"""tf.train.Saver: variables to a .npz file and back, TF1's paths and `checkpoint` file."""

import os

import numpy as np
import pytest

import deepslow as tf


@pytest.fixture(autouse=True)
def fresh_graph_in_tmp(tmp_path, monkeypatch):
    tf.reset_default_graph()
    monkeypatch.chdir(tmp_path)
    yield
    tf.reset_default_graph()


def model():
    with tf.variable_scope("layer"):
        w = tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    b = tf.Variable([0.5, -0.5], name="b")
    return w, b


def test_save_and_restore_round_trip_with_steps_and_state_file():
    w, b = model()
    saver = tf.train.Saver()
    os.makedirs("ckpt")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.assign(w, w * 10.0))
        assert saver.save(sess, "ckpt/model", global_step=7) == "ckpt/model-7"
    assert os.path.isfile("ckpt/model-7.npz")
    with np.load("ckpt/model-7.npz") as saved:  # the documented format: one array per variable name
        assert sorted(saved.files) == ["b", "layer/w"] and saved["layer/w"].tolist() == [[10, 20], [30, 40]]
    assert tf.train.latest_checkpoint("ckpt") == "ckpt/model-7"
    state = tf.train.get_checkpoint_state("ckpt")
    assert state.model_checkpoint_path == "ckpt/model-7" and state.all_model_checkpoint_paths == ["ckpt/model-7"]
    with tf.Session() as sess:  # no initializer: restore gives the values
        saver.restore(sess, tf.train.latest_checkpoint("ckpt"))
        assert sess.run(w).tolist() == [[10, 20], [30, 40]] and sess.run(b).tolist() == [0.5, -0.5]


def test_max_to_keep_deletes_the_oldest():
    model()
    saver = tf.train.Saver(max_to_keep=2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(4):
            saver.save(sess, "m", global_step=step)
    assert sorted(f for f in os.listdir(".") if f.endswith(".npz")) == ["m-2.npz", "m-3.npz"]
    assert saver.last_checkpoints == ["m-2", "m-3"] and tf.train.latest_checkpoint(".") == "./m-3"


def test_a_step_given_as_a_variable_is_read_from_the_session():
    model()
    step = tf.train.get_or_create_global_step()
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.assign(step, 42))
        assert saver.save(sess, "model.ckpt", global_step=step) == "model.ckpt-42"


def test_a_dict_var_list_chooses_the_names():
    w, b = model()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        tf.train.Saver({"bias": b}).save(sess, "only_b")
    with np.load("only_b.npz") as saved:
        assert saved.files == ["bias"]


def test_errors_name_what_is_wrong():
    w, b = model()
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(ValueError, match="Parent directory of missing/model doesn't exist"):
            saver.save(sess, "missing/model")
        with pytest.raises(ValueError, match="not a valid checkpoint: nothing"):
            saver.restore(sess, "nothing")
        with pytest.raises(ValueError, match="when it is None"):
            saver.restore(sess, tf.train.latest_checkpoint("."))
        tf.train.Saver([b]).save(sess, "partial")
        with pytest.raises(ValueError, match="Key layer/w not found in checkpoint"):
            saver.restore(sess, "partial")
        np.savez("wrong_shape.npz", **{"layer/w": np.zeros(3), "b": np.zeros(2)})
        with pytest.raises(tf.ShapeError, match="layer/w"):
            saver.restore(sess, "wrong_shape")
        assert sess.run(w).tolist() == [[1, 2], [3, 4]]  # a failed restore changed nothing
    with pytest.raises(TypeError, match="Saver saves Variables"):
        tf.train.Saver([w * 2.0])


def test_no_variables_no_saver():
    with pytest.raises(ValueError, match="No variables to save"):
        tf.train.Saver()


def test_latest_checkpoint_of_an_empty_directory_is_none():
    assert tf.train.latest_checkpoint(".") is None and tf.train.get_checkpoint_state(".") is None
