namespace DemandMobility.Simulator.Demand;

/// <summary>A problem found while reading or generating demand (a bad CSV row, an unplaceable pupil), reported to the planner.</summary>
/// <param name="Source">File name or generator name.</param>
/// <param name="Line">1-based line number in the file; null for generated demand.</param>
/// <param name="Message">What is wrong, naming the field.</param>
public sealed record DemandIssue(string Source, int? Line, string Message);
