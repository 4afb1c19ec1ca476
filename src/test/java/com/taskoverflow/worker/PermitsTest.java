package com.taskoverflow.worker;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermitsTest {

  @Test
  void noMoreHoldersThanPermitsAndWaitersServedInTurn() {
    Permits permits = new Permits(2);
    List<Future<Void>> asked = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      asked.add(permits.acquire());
    }
    assertEquals(List.of(true, true, false, false, false), asked.stream().map(Future::succeeded).toList());
    assertEquals(2, permits.held());
    assertEquals(3, permits.waiting());

    permits.release();
    assertEquals(List.of(true, true, true, false, false), asked.stream().map(Future::succeeded).toList());
    permits.release();
    permits.release();
    assertTrue(asked.get(4).succeeded(), "the last waiter's turn came");
    assertEquals(2, permits.held());
    assertEquals(0, permits.waiting());

    permits.release();
    permits.release();
    assertEquals(0, permits.held());
    assertTrue(permits.acquire().succeeded(), "free again");
    permits.release();
    assertThrows(IllegalStateException.class, permits::release, "none held: a release too many fails loudly");
    assertEquals(0, permits.held());
  }

  @Test
  void atLeastOnePermit() {
    assertThrows(IllegalArgumentException.class, () -> new Permits(0));
  }
}
