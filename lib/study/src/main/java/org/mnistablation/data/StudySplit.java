package org.mnistablation.data;

/**
 * The study's split: train = first 55,000 training images, validation = the last 5,000, test = the 10,000
 * test images. {@code identity} names the data (dataset name plus a content digest) for the run cache.
 */
public record StudySplit(LabeledImages train, LabeledImages validation, LabeledImages test, String identity) {
}
