/**
 * The project's statistics, in one place: the distributions (from stdlib),
 * order statistics (from d3-array), and the tests the report builds on them.
 */
export { Z_95, chiSquareSurvival, normalCdf, twoSidedPValue } from "./distributions";
export { median, quantile } from "./orderStatistics";
export { type Lift, relativeLift } from "./relativeLift";
export { type SampleRatio, sampleRatioMismatch } from "./sampleRatioMismatch";
export { type ZTest, twoProportionZTest } from "./twoProportionZTest";
export { wilsonInterval } from "./wilsonInterval";
