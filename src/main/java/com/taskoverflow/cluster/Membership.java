package com.taskoverflow.cluster;

import java.util.OptionalInt;

/** How many JVMs this one sees in its cluster; empty when it runs alone (not clustered). */
@FunctionalInterface
public interface Membership {

  Membership NONE = OptionalInt::empty;

  OptionalInt members();
}
