package com.taskoverflow.bus;

/** The states of a calendar job, as stored and as the API shows them. */
public enum JobState {
  PENDING, STARTED, RETRY, SUCCESS, FAILURE, CANCELLED;

  /** A final state never changes again (short of an operator's requeue of a dead letter). */
  public boolean isFinal() {
    return this == SUCCESS || this == FAILURE || this == CANCELLED;
  }
}
