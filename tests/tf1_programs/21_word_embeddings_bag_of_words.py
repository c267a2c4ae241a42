"""A bag-of-words sentence classifier with a learned embedding table: tf.nn.embedding_lookup
picks each word's vector, the vectors are averaged, and a softmax layer reads the average. The
vocabulary, sentences and labels are made up from seeded NumPy."""

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(21)
vocabulary_size, embedding_size, sentence_length = 30, 8, 6
positive_words, negative_words = np.arange(0, 10), np.arange(10, 20)  # words 20-29 are neutral


def make_sentences(count):
    labels = rng.randint(0, 2, count)
    words = rng.randint(20, 30, (count, sentence_length))
    for i, label in enumerate(labels):
        telling = positive_words if label == 1 else negative_words
        words[i, rng.choice(sentence_length, 2, replace=False)] = rng.choice(telling, 2)
    return words.astype(np.int32), labels.astype(np.int32)


train_words, train_labels = make_sentences(400)
test_words, test_labels = make_sentences(100)

words = tf.placeholder(tf.int32, [None, sentence_length])
labels = tf.placeholder(tf.int32, [None])
embeddings = tf.Variable(rng.uniform(-1.0, 1.0, (vocabulary_size, embedding_size)).astype(np.float32))
embedded = tf.nn.embedding_lookup(embeddings, words)  # (batch, words, embedding)
sentence = tf.reduce_mean(embedded, axis=1)
weights = tf.Variable(tf.zeros([embedding_size, 2]))
bias = tf.Variable(tf.zeros([2]))
logits = tf.matmul(sentence, weights) + bias
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
train_step = tf.train.AdagradOptimizer(0.5).minimize(loss)
correct = tf.equal(tf.cast(tf.argmax(logits, 1), tf.int32), labels)
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(20):
        for start in range(0, 400, 40):
            batch = {words: train_words[start : start + 40], labels: train_labels[start : start + 40]}
            sess.run(train_step, feed_dict=batch)
        if epoch % 5 == 4:
            print("epoch", epoch + 1, "loss", sess.run(loss, {words: train_words, labels: train_labels}))
    print("test accuracy", sess.run(accuracy, {words: test_words, labels: test_labels}))

    # the learned vectors: how far the telling words moved apart
    table = sess.run(embeddings)
    first_rows = tf.unstack(tf.constant(table[:3]))
    print("first three words' vectors, summed:", np.round(sess.run(tf.add_n(first_rows)), 4))
    print("running total of word 0's vector:", np.round(sess.run(tf.cumsum(table[0])), 4))
    print("tiled:", sess.run(tf.shape(tf.tile(embeddings, [2, 1]))))
