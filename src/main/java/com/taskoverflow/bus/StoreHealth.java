package com.taskoverflow.bus;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/** The store's own view of its resources; it answers even while its database is down. */
@VertxGen
@ProxyGen
public interface StoreHealth {

  Future<StoreStatus> check();

  static StoreHealth proxy(Vertx vertx, long timeoutMs) {
    return new ServiceProxyBuilder(vertx).setAddress(Addresses.STORE_HEALTH)
        .setOptions(new DeliveryOptions().setSendTimeout(timeoutMs)).build(StoreHealth.class);
  }
}
