import Kumo

extension Stack {
    /// Aurora PostgreSQL in the isolated subnets, reachable from the cluster only (on any stack: `Tests/KumoTests`
    /// builds this same database to test the RDS constructs).
    @discardableResult
    func database(_ vpc: Vpc, cluster: Cluster) -> DatabaseCluster {
        let database = DatabaseCluster(self, "DatabaseCluster", engine: .auroraPostgres(version: "13.6"),
                                       identifier: "cluster-identifier", instanceIdentifierBase: "db-instance-identifier",
                                       credentials: .generated(username: "postgres", secretName: "database-secrets"),
                                       instanceType: "db.t3.medium", instances: 1, vpc: vpc, subnetType: .isolated,
                                       port: 5432, defaultDatabaseName: "EksDatabaseName", deletionProtection: false,
                                       removalPolicy: .destroy, allowMajorVersionUpgrade: false,
                                       autoMinorVersionUpgrade: true, deleteAutomatedBackups: false,
                                       enablePerformanceInsights: false, publiclyAccessible: false)
        database.allowDeprecatedEngineVersion(
            reason: "Aurora PostgreSQL 13.6 is the deployed cluster's version (the CDK app's VER_13_6); upgrade it "
                + "deliberately, with a maintenance window, not as a side effect of the migration to Kumo")
        // "clster": the original's description, kept so that the rules are not replaced.
        database.connections.allowFrom(cluster, .tcp(5432), "Allow access to Database clster from EKS cluster")
        return database
    }
}
