package io.veil.spark.sql;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.SparkSessionExtensionsProvider;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Installs Veil's SQL functions in every session:
 * {@code spark.sql.extensions=io.veil.spark.sql.VeilExtensions}. Listing it twice, or also calling
 * {@link VeilFunctions#register}, is harmless.
 */
public final class VeilExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit>
    implements SparkSessionExtensionsProvider {

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    VeilFunctions.inject(extensions);
    return BoxedUnit.UNIT;
  }
}
