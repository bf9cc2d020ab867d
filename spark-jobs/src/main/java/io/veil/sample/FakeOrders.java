package io.veil.sample;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Builds one fake order from (seed, order row id): a random customer among the first {@code
 * customerRows}, whose e-mail and sign-up time are rebuilt from the same seed rather than joined.
 */
final class FakeOrders {

  /** Orders per customer on average: the orders table has this many times the customer rows. */
  static final int ORDERS_PER_CUSTOMER = 2;

  private static final List<String> STATUSES =
      List.of("delivered", "shipped", "paid", "created", "cancelled", "refunded");
  private static final int[] STATUS_PERCENT = {55, 12, 10, 8, 10, 5};

  record Order(
      long orderId,
      long customerId,
      String email,
      BigDecimal amount,
      Instant orderTs,
      String status) {}

  private FakeOrders() {}

  static Order order(long seed, long row, long customerRows) {
    RowRandom r = new RowRandom(seed, row, RowRandom.ORDER);
    long customerRow = r.nextLong(customerRows);
    FakeCustomers.Identity customer = FakeCustomers.identity(seed, customerRow);
    // After the sign-up, up to the end of the sign-up window.
    long start = customer.signupTs().toEpochMilli();
    long end = FakeCustomers.LAST_SIGNUP.toEpochMilli() + 999;
    Instant orderTs = Instant.ofEpochMilli(start + r.nextLong(end - start + 1));
    double u = r.nextDouble();
    BigDecimal amount = BigDecimal.valueOf(100 + (long) (499_900 * u * u * u), 2);
    return new Order(row + 1, customerRow + 1, customer.email(), amount, orderTs, status(r));
  }

  private static String status(RowRandom r) {
    int p = r.nextInt(100);
    for (int i = 0; i < STATUS_PERCENT.length; i++) {
      p -= STATUS_PERCENT[i];
      if (p < 0) {
        return STATUSES.get(i);
      }
    }
    return STATUSES.get(0);
  }
}
