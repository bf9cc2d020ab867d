package io.veil.spark.sql;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.SparkSessionExtensionsProvider;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Installs Veil's SQL functions in every session: {@code
 * spark.sql.extensions=io.veil.spark.sql.VeilExtensions}. Listing it twice, or also calling {@link
 * VeilFunctions#register}, is harmless. The functions' keys ({@code spark.veil.keys.*}) and {@code
 * spark.veil.decrypt.enabled} are read from the conf the application starts with, like the
 * extensions setting itself: on a shared server, what a session sets at runtime never names a key.
 */
public final class VeilExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit>
    implements SparkSessionExtensionsProvider {

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    VeilFunctions.inject(extensions);
    return BoxedUnit.UNIT;
  }
}
