package dev.neurogen.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * A tree aggregation whose result does not depend on task completion or shuffle fetch order:
 * Spark's {@code treeAggregate} with a fixed combine structure.
 *
 * <p>Each partition's partial sum is tagged with the partition index. With {@code k} partitions
 * and depth {@code d}, the partials are grouped into contiguous index ranges of {@code scale =
 * max(2, ceil(k^(1/d)))} (partition {@code i} into group {@code i / scale}) as long as Spark's own
 * {@code treeAggregate} would add a level (the same condition), each group summed on an executor
 * in index order (its values are sorted by index after the shuffle); the driver then collects the
 * remaining partials and sums them in index order. Every level is therefore the same sum in the
 * same order on every run: for a fixed partitioning the result is bit-for-bit repeatable, at the
 * cost of one {@code groupByKey} shuffle per intermediate level (no map-side combine: each map task
 * holds one record) and, at the last level, of the driver receiving the remaining partials one by
 * one (as many as {@code treeAggregate} sends it).
 */
final class OrderedAggregate {

  private OrderedAggregate() {}

  /** A partial sum and the index of the first partition it covers. */
  private static final class Tagged<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    final int index;
    final T value;

    Tagged(int index, T value) {
      this.index = index;
      this.value = value;
    }
  }

  /** A serializable supplier of zero values. */
  interface Zero<T> extends Serializable {
    T get();
  }

  /**
   * Folds every partition with {@code seqOp} from a fresh {@code zero}, then combines the
   * partials with {@code combOp} in partition index order, through {@code depth} levels at most.
   * {@code combOp} may modify and return its first argument.
   */
  static <E, T extends Serializable> T aggregate(JavaRDD<E> data, Zero<T> zero,
      Function2<T, E, T> seqOp, Function2<T, T, T> combOp, int depth) {
    JavaRDD<Tagged<T>> level = data.mapPartitionsWithIndex((index, elements) -> {
      T acc = zero.get();
      while (elements.hasNext()) {
        acc = seqOp.call(acc, elements.next());
      }
      return Collections.singletonList(new Tagged<>(index, acc)).iterator();
    }, true);
    int count = data.getNumPartitions();
    int scale = Math.max((int) Math.ceil(Math.pow(count, 1.0 / depth)), 2);
    while (count > scale + (int) Math.ceil(count / (double) scale)) {
      int groups = (count + scale - 1) / scale;
      int width = scale;
      level = level
          .mapToPair(t -> new Tuple2<>(t.index / width, t))
          .groupByKey(new HashPartitioner(groups))
          .map(group -> new Tagged<>(group._1(), combineInOrder(group._2(), zero, combOp)));
      count = groups;
    }
    List<Tagged<T>> partials = level.collect();
    try {
      return combineInOrder(partials, zero, combOp);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("combining the partial sums failed: " + e, e);
    }
  }

  private static <T> T combineInOrder(Iterable<Tagged<T>> partials, Zero<T> zero,
      Function2<T, T, T> combOp) throws Exception {
    List<Tagged<T>> sorted = new ArrayList<>();
    partials.forEach(sorted::add);
    sorted.sort(Comparator.comparingInt(t -> t.index));
    T acc = zero.get();
    for (Tagged<T> t : sorted) {
      acc = combOp.call(acc, t.value);
    }
    return acc;
  }
}
