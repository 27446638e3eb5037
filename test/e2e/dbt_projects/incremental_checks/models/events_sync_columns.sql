{{ config(materialized='incremental', incremental_strategy='merge', unique_key='id',
          on_schema_change='sync_all_columns') }}
select id, category
{% if var('second_run', false) %}, upper(category) as label{% endif %}
from {{ ref('events') }}
