package org.mnistablation.analysis;

/** The verdict that opens an answer. */
public enum Outcome {
    /** every directional part holds */
    YES,
    /** some directional parts hold, not all */
    PARTLY,
    /** none holds and some point the other way */
    NO,
    /** no part separated at the seeds run */
    NOT_SHOWN,
    /** one seed: nothing could be tested */
    UNTESTED,
    /** a ranking: the leader, or the settings that share the lead */
    LEADS,
    /** numbers only, no claim tested */
    MEASURED,
    /** nothing of the question is measured by these runs */
    NOT_MEASURED
}
