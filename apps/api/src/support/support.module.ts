import { Module } from '@nestjs/common';
import { AcknowledgeReportController, AcknowledgeReportHandler } from './acknowledge-report/acknowledge-report.js';
import { GetResponseComplianceHandler, ResponseComplianceController } from './compliance/response-compliance.js';
import { GetFailureReportController, GetFailureReportHandler } from './get-failure-report/get-failure-report.js';
import { ListFailureReportsController, ListFailureReportsHandler } from './list-failure-reports/list-failure-reports.js';
import { ReportFailureController, ReportFailureHandler } from './report-failure/report-failure.js';

/** Service Failure reports (§1) and their acknowledgements, the response of §3.1. */
@Module({
  controllers: [ReportFailureController, ListFailureReportsController, GetFailureReportController, AcknowledgeReportController, ResponseComplianceController],
  providers: [ReportFailureHandler, AcknowledgeReportHandler, GetFailureReportHandler, ListFailureReportsHandler, GetResponseComplianceHandler],
})
export class SupportModule {}
