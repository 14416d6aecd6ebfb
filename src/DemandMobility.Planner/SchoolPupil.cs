namespace DemandMobility.Planner;

/// <summary>One pupil of a school-route planning run: where it lives and which school it goes to.</summary>
/// <param name="Id">Pupil id (1-40 of letters, digits, '-', '_', '.'), unique in the run; it names the pupil's trip in the report and billing.</param>
/// <param name="Lat">Home latitude.</param>
/// <param name="Lon">Home longitude.</param>
/// <param name="SchoolId">Id of one of the scenario's schools (<c>demand.school.schools[].id</c>).</param>
/// <param name="MaxRideMinutes">Longest ride; null = the limit of the school's first age group.</param>
/// <param name="Wheelchair">Needs a wheelchair place.</param>
public sealed record SchoolPupil(string Id, double Lat, double Lon, string SchoolId, int? MaxRideMinutes = null, bool Wheelchair = false);
