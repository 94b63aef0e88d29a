/**
 * The project's statistics, in one place: the distributions (from stdlib),
 * order statistics (from d3-array), and the tests the report builds on them.
 */
export { type BayesComparison, type BetaPosterior, betaPosterior, compareBetaPosteriors } from "./betaPosterior";
export { Z_95, betaCdf, betaQuantile, chiSquareSurvival, normalCdf, twoSidedPValue } from "./distributions";
export { holmAdjust } from "./holmAdjust";
export { type SequentialTest, mixtureRhoSquared, mixtureSequentialTest } from "./mixtureSequentialTest";
export { median, quantile } from "./orderStatistics";
export { type Lift, relativeLift } from "./relativeLift";
export { type SampleRatio, sampleRatioMismatch } from "./sampleRatioMismatch";
export { DEFAULT_TUNED_FOR, type Proportion, sequentialDifference, sequentialLift } from "./sequentialProportions";
export { type ZTest, twoProportionZTest } from "./twoProportionZTest";
export { wilsonInterval } from "./wilsonInterval";
