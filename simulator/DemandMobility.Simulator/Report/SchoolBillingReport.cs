using System.Collections.Immutable;
using DemandMobility.Simulator.Demand;

namespace DemandMobility.Simulator.Report;

/// <summary>The school run's bill: one line per route and per pupil, under one tariff.</summary>
/// <param name="Tariff">The tariff applied.</param>
/// <param name="Routes">Vehicles that delivered pupils, by vehicle id.</param>
/// <param name="Pupils">Every pupil trip of the run, by trip id (unserved pupils cost nothing).</param>
public sealed record SchoolBillingReport(SchoolTariff Tariff, ImmutableArray<RouteBilling> Routes, ImmutableArray<PupilBilling> Pupils)
{
    /// <summary>Sum of the routes' costs, euro.</summary>
    public double TotalCost
    {
        get
        {
            double sum = 0;
            foreach (var r in Routes)
                sum += r.Cost;
            return sum;
        }
    }

    /// <summary>Pupils delivered.</summary>
    public int PupilsServed
    {
        get
        {
            int n = 0;
            foreach (var r in Routes)
                n += r.Pupils;
            return n;
        }
    }
}
